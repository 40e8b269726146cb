package com.example.backend.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every answer a virtual user saw, one CSV line each, for the chaos runner's ledger: when
 * the request left, how long the answer took, which order key and attempt it was, the
 * status (0 when no answer came: a timeout or a broken connection), the order id in the
 * body and the {@code Idempotent-Replayed} and {@code Retry-After} headers. The file is
 * {@code -DanswersFile}; without it nothing is written.
 */
final class AnswerLog {

	static final String HEADER = "sent_ms,latency_ms,user,op,key,attempt,status,order_id,replayed,retry_after,problem";

	private static final BufferedWriter out = open(System.getProperty("answersFile"));

	private AnswerLog() {
	}

	static void record(long sentMillis, long latencyMillis, long user, String op, String key, int attempt, int status,
			String orderId, String replayed, String retryAfter, String problem) {
		if (out == null) {
			return;
		}
		String line = sentMillis + "," + latencyMillis + "," + user + "," + op + "," + nullToEmpty(key) + "," + attempt
				+ "," + status + "," + nullToEmpty(orderId) + "," + nullToEmpty(replayed) + ","
				+ nullToEmpty(retryAfter).replace(',', ' ') + "," + nullToEmpty(problem).replace(',', ' ');
		synchronized (out) {
			try {
				out.write(line);
				out.newLine();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	static void flush() {
		if (out == null) {
			return;
		}
		synchronized (out) {
			try {
				out.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static String nullToEmpty(String value) {
		return (value != null) ? value : "";
	}

	private static BufferedWriter open(String file) {
		if (file == null || file.isBlank()) {
			return null;
		}
		try {
			Path path = Path.of(file);
			Files.createDirectories(path.toAbsolutePath().getParent());
			BufferedWriter writer = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
			writer.write(HEADER);
			writer.newLine();
			return writer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the answers to " + file, ex);
		}
	}

}
