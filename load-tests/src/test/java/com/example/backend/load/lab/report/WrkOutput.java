package com.example.backend.load.lab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of {@code wrk --latency}: requests/s, the 50th and 99th percentile latencies
 * (milliseconds), the requests sent and the errors (non-2xx/3xx answers plus socket
 * errors; anything but 0 spoils a row).
 *
 * @param requestsPerSecond {@code Requests/sec}
 * @param p50 median latency, ms, or null without {@code --latency}
 * @param p99 99th percentile latency, ms, or null without {@code --latency}
 * @param requests requests completed
 * @param non2xx answers that were not 2xx or 3xx
 * @param errors {@code non2xx} plus connect, read, write and timeout errors
 */
public record WrkOutput(double requestsPerSecond, Double p50, Double p99, long requests, long non2xx, long errors) {

	private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");

	private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

	private static final Pattern SOCKET = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	public static WrkOutput read(Path file) {
		try {
			return parse(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static WrkOutput parse(String text) {
		Matcher rps = RPS.matcher(text);
		Matcher requests = REQUESTS.matcher(text);
		Matcher non2xx = NON_2XX.matcher(text);
		Matcher socket = SOCKET.matcher(text);
		long bad = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
		long socketErrors = 0;
		if (socket.find()) {
			for (int i = 1; i <= 4; i++) {
				socketErrors += Long.parseLong(socket.group(i));
			}
		}
		return new WrkOutput(rps.find() ? Double.parseDouble(rps.group(1)) : 0.0, latency(text, 50), latency(text, 99),
				requests.find() ? Long.parseLong(requests.group(1)) : 0, bad, bad + socketErrors);
	}

	private static Double latency(String text, int percent) {
		Matcher matcher = Pattern.compile("(?m)^\\s*" + percent + "%\\s+([\\d.]+)(us|ms|s)\\s*$").matcher(text);
		if (!matcher.find()) {
			return null;
		}
		double value = Double.parseDouble(matcher.group(1));
		return switch (matcher.group(2)) {
			case "us" -> value / 1000;
			case "s" -> value * 1000;
			default -> value;
		};
	}

}
