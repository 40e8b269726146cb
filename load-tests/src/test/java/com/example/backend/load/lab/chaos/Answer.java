package com.example.backend.load.lab.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One answer a virtual user saw, as the simulation's answer log wrote it. Status 0: no
 * answer (timeout or broken connection). Lines whose op ends in {@code -gave-up} mark a
 * careful client that stopped retrying.
 */
record Answer(long sentMillis, long latencyMillis, long user, String op, String key, int attempt, int status,
		String orderId, String replayed, String retryAfter, String problem) {

	static List<Answer> read(Path csv) {
		try (Stream<String> lines = Files.lines(csv)) {
			return lines.skip(1).filter(line -> !line.isBlank()).map(Answer::parse).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Answer parse(String line) {
		String[] f = line.split(",", -1);
		return new Answer(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], f[4],
				Integer.parseInt(f[5]), Integer.parseInt(f[6]), f[7], f[8], f[9], f[10]);
	}

	boolean gaveUp() {
		return this.op.endsWith("-gave-up");
	}

	/** An answer that tells the client nothing definite: retry material. */
	boolean failed() {
		return this.status == 0 || this.status >= 500 || this.status == 429;
	}

	long endMillis() {
		return this.sentMillis + this.latencyMillis;
	}

	String statusLabel() {
		return (this.status == 0) ? "no answer" : Integer.toString(this.status);
	}

	/** The status with the problem type, e.g. {@code 503 service-unavailable}. */
	String statusAndProblem() {
		return this.problem.isEmpty() ? statusLabel() : statusLabel() + " " + this.problem;
	}

}
