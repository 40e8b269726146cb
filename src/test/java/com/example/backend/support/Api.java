package com.example.backend.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.backend.contract.ProblemType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small HTTP client for the tests: real requests over the loopback interface, JSON in
 * and out. Kept deliberately plain (the JDK's HttpClient) so that tests can also send
 * what a framework client would refuse to: malformed JSON, odd headers, forged tokens.
 */
public final class Api {

	public static final String PASSWORD = "password-of-a-test-user";

	private static final JsonMapper json = JsonMapper.shared();

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	private final String[] defaultHeaders;

	public Api(int port) {
		this("http://localhost:" + port, new String[0]);
	}

	private Api(String base, String[] defaultHeaders) {
		this.base = base;
		this.defaultHeaders = defaultHeaders;
	}

	/**
	 * A client that sends {@code X-Forwarded-For: address} with every request: behind a
	 * trusted proxy, a client of its own (its own address-based rate limits).
	 */
	public Api forwardedFor(String address) {
		return new Api(this.base, new String[] { "X-Forwarded-For", address });
	}

	public Response get(String path, String... headers) {
		return send("GET", path, null, headers);
	}

	public Response post(String path, Object body, String... headers) {
		return send("POST", path, body, headers);
	}

	public Response put(String path, Object body, String... headers) {
		return send("PUT", path, body, headers);
	}

	public Response patch(String path, Object body, String... headers) {
		return send("PATCH", path, body, headers);
	}

	public Response delete(String path, String... headers) {
		return send("DELETE", path, null, headers);
	}

	/**
	 * Sends {@code body} as JSON, or as it is when it is already a String (to send
	 * malformed JSON).
	 */
	public Response send(String method, String path, Object body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		for (int i = 0; i < this.defaultHeaders.length; i += 2) {
			request.setHeader(this.defaultHeaders[i], this.defaultHeaders[i + 1]);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.setHeader(headers[i], headers[i + 1]);
		}
		String text = (body == null) ? null : (body instanceof String s) ? s : json.writeValueAsString(body);
		request.method(method,
				(text == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
		try {
			return new Response(this.client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Registers a fresh user with a unique email and logs in. */
	public Session newUser() {
		String email = "user-" + UUID.randomUUID() + "@test.local";
		Response registered = post("/api/v1/auth/register",
				Map.of("email", email, "password", PASSWORD, "displayName", "Test User"));
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		Session session = login(email, PASSWORD);
		return new Session(session.id(), email, session.accessToken(), session.refreshToken());
	}

	public Session login(String email, String password) {
		Response tokens = post("/api/v1/auth/login", Map.of("email", email, "password", password));
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		String accessToken = tokens.json().get("accessToken").asString();
		long id = get("/api/v1/users/me", bearer(accessToken)).json().get("id").asLong();
		return new Session(id, email, accessToken, tokens.json().get("refreshToken").asString());
	}

	public static String[] bearer(String accessToken) {
		return new String[] { "Authorization", "Bearer " + accessToken };
	}

	/** A logged-in user. */
	public record Session(long id, String email, String accessToken, String refreshToken) {

		public String[] auth() {
			return bearer(this.accessToken);
		}

		/** The bearer header plus one more. */
		public String[] authWith(String header, String value) {
			return new String[] { "Authorization", "Bearer " + this.accessToken, header, value };
		}

	}

	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String body() {
			return this.raw.body();
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public JsonNode json() {
			return json.readTree(this.raw.body());
		}

		/** The ids of the items of a page, in order. */
		public List<Long> ids() {
			List<Long> ids = new ArrayList<>();
			json().get("content").forEach(item -> ids.add(item.get("id").asLong()));
			return ids;
		}

		/**
		 * Asserts an RFC 9457 problem of the given status and type, carrying this
		 * response's request id.
		 */
		public JsonNode assertProblem(int status, String type) {
			assertThat(status()).as(body()).isEqualTo(status);
			assertThat(header("Content-Type")).startsWith("application/problem+json");
			JsonNode problem = json();
			assertThat(problem.get("status").asInt()).isEqualTo(status);
			assertThat(problem.get("type").asString()).isEqualTo("urn:problem-type:" + type);
			// One title per type, whichever code raised the problem (ours or Spring's).
			assertThat(problem.get("title").asString()).isEqualTo(Arrays.stream(ProblemType.values())
				.filter((known) -> known.typeName().equals(type))
				.findFirst()
				.map(ProblemType::title)
				.orElseThrow(() -> new AssertionError("no problem type " + type)));
			assertThat(problem.get("detail").asString()).isNotBlank();
			assertThat(problem.get("instance").asString()).startsWith("/");
			assertThat(problem.get("requestId").asString()).isEqualTo(header("X-Request-Id")).isNotBlank();
			assertThat(body()).doesNotContain("Exception", "at com.", "SQL", "org.springframework");
			return problem;
		}

	}

}
