package com.example.backend.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/1.1 over a plain socket, for requests that {@link java.net.http.HttpClient} and
 * {@link java.net.URI} refuse to build: malformed percent-encoding, raw bytes in the
 * request target, invalid UTF-8 in a body.
 */
public final class RawHttp {

	private final int port;

	public RawHttp(int port) {
		this.port = port;
	}

	public Response send(String method, String target, byte[] body, String... headers) {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			StringBuilder head = new StringBuilder();
			head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
			head.append("Host: localhost\r\nConnection: close\r\n");
			for (int i = 0; i < headers.length; i += 2) {
				head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
			}
			if (body != null) {
				head.append("Content-Length: ").append(body.length).append("\r\n");
			}
			head.append("\r\n");
			try {
				OutputStream out = socket.getOutputStream();
				out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
				if (body != null) {
					out.write(body);
				}
				out.flush();
			}
			catch (IOException ex) {
				// The server answered (and closed) before
				// reading the whole body: read that.
			}
			return Response.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Sends only the head of a request that announces a body of {@code declaredLength}
	 * bytes, and reads the one answer the server gives without ever seeing a byte of the
	 * body. Times out (an exception) when the server waits for the body instead.
	 */
	public Response sendHeadOnly(String method, String target, long declaredLength, String... headers) {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(10_000);
			StringBuilder head = new StringBuilder();
			head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
			head.append("Host: localhost\r\nContent-Length: ").append(declaredLength).append("\r\n");
			for (int i = 0; i < headers.length; i += 2) {
				head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
			}
			head.append("\r\n");
			socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return readOneResponse(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The head, then exactly the body its Content-Length announces. */
	private static Response readOneResponse(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("Connection closed before the end of the response head");
			}
			head.write(next);
		}
		Response headOnly = Response.parse(head.toByteArray());
		if ("chunked".equalsIgnoreCase(headOnly.headers().get("transfer-encoding"))) {
			while (true) {
				String sizeLine = readLine(in);
				head.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
				int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
				head.write(in.readNBytes(size + 2));
				if (size == 0) {
					return Response.parse(head.toByteArray());
				}
			}
		}
		head.write(in.readNBytes(Integer.parseInt(headOnly.headers().getOrDefault("content-length", "0"))));
		return Response.parse(head.toByteArray());
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int next = in.read(); next != '\n'; next = in.read()) {
			if (next < 0) {
				throw new IOException("Connection closed inside a chunked body");
			}
			if (next != '\r') {
				line.write(next);
			}
		}
		return line.toString(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Sends {@code body} with {@code Transfer-Encoding: chunked}, in chunks of
	 * {@code chunkSize} bytes, so that the server learns its length only by reading it.
	 */
	public Response sendChunked(String method, String target, byte[] body, int chunkSize, String... headers) {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			StringBuilder head = new StringBuilder();
			head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
			head.append("Host: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n");
			for (int i = 0; i < headers.length; i += 2) {
				head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
			}
			head.append("\r\n");
			try {
				OutputStream out = socket.getOutputStream();
				out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
				for (int offset = 0; offset < body.length; offset += chunkSize) {
					int length = Math.min(chunkSize, body.length - offset);
					out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
					out.write(body, offset, length);
					out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
				}
				out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			}
			catch (IOException ex) {
				// The server answered (and closed) before
				// reading the whole body: read that.
			}
			return Response.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Response send(String method, String target, String jsonBody, String... headers) {
		String[] all = headers;
		if (jsonBody != null) {
			all = new String[headers.length + 2];
			System.arraycopy(headers, 0, all, 0, headers.length);
			all[headers.length] = "Content-Type";
			all[headers.length + 1] = "application/json";
		}
		return send(method, target, (jsonBody != null) ? jsonBody.getBytes(StandardCharsets.UTF_8) : null, all);
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toByteArray();
	}

	/** A response; header names in lower case; chunked bodies are decoded. */
	public record Response(int status, Map<String, String> headers, String body) {

		static Response parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String[] lines = text.substring(0, (end < 0) ? text.length() : end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			byte[] body = (end < 0) ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				body = dechunk(body);
			}
			return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] chunked) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			int position = 0;
			while (position < chunked.length) {
				int lineEnd = position;
				while (lineEnd + 1 < chunked.length && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
					lineEnd++;
				}
				String sizeText = new String(chunked, position, lineEnd - position, StandardCharsets.ISO_8859_1);
				int size = Integer.parseInt(sizeText.split(";")[0].trim(), 16);
				if (size == 0) {
					break;
				}
				out.write(chunked, lineEnd + 2, size);
				position = lineEnd + 2 + size + 2;
			}
			return out.toByteArray();
		}

		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		/** The same checks as {@link Api.Response#assertProblem}, for a status class. */
		public JsonNode assertProblem(int status) {
			assertThat(this.status).as(this.body).isEqualTo(status);
			return assertIsProblem();
		}

		/** problem+json of this response's status, with its request id. */
		public JsonNode assertIsProblem() {
			assertThat(header("Content-Type")).as(this.body).startsWith("application/problem+json");
			JsonNode problem = JsonMapper.shared().readTree(this.body);
			assertThat(problem.get("status").asInt()).isEqualTo(this.status);
			assertThat(problem.get("type").asString()).startsWith("urn:problem-type:");
			assertThat(problem.get("requestId").asString()).isEqualTo(header("X-Request-Id")).isNotBlank();
			assertThat(this.body).doesNotContain("Exception", "at com.", "SQL", "org.springframework");
			return problem;
		}

	}

}
