package com.example.backend.load.lab.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.backend.load.lab.report.WrkOutput;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import static com.example.backend.load.lab.report.Figures.format;

/**
 * Summarises the recordings of profile.sh as Markdown, reading the JFR files with the
 * JDK's own {@code jdk.jfr.consumer} API. Per endpoint: throughput while recording (wrk);
 * CPU, the share of Java execution samples per layer (each sample charged to the
 * innermost layer on its stack, which says where a fix pays) and the methods on top of
 * the most samples; allocation (JFR's allocation samples weighted by the bytes they stand
 * for: MB/s and KB per request, and the classes allocated most); GC; and statements,
 * transactions and database round trips per request from the counting phase.
 */
final class ProfileSummary {

	/**
	 * Whole-call layers first: a sample anywhere inside them is theirs, whatever they
	 * called (the JSON that structured logging writes is logging; the Jackson 2 that jjwt
	 * parses with is JWT).
	 */
	private static final List<Layer> WHOLE_CALL_LAYERS = List.of(
			new Layer("logging (Logback, structured ECS)", "ch.qos.logback.", "org.springframework.boot.logging.",
					"org.springframework.boot.json."),
			new Layer("JWT (jjwt)", "io.jsonwebtoken."),
			new Layer("metrics and observations (Micrometer)", "io.micrometer."));

	/**
	 * Then the innermost of these, walking from the running method outwards (a sample in
	 * Hibernate called from a service counts as Hibernate). Samples that match nothing
	 * are "other".
	 */
	private static final List<Layer> LAYERS = List.of(
			new Layer("JSON (Jackson)", "tools.jackson.", "com.fasterxml.jackson."),
			new Layer("JDBC driver (pgjdbc)", "org.postgresql."),
			new Layer("connection pool (Hikari)", "com.zaxxer.hikari."), new Layer("Hibernate", "org.hibernate."),
			new Layer("Spring Data JPA", "org.springframework.data."),
			new Layer("transactions (Spring)", "org.springframework.transaction.", "org.springframework.orm."),
			new Layer("Argon2 / crypto", "org.bouncycastle.", "sun.security.", "javax.crypto.", "com.sun.crypto."),
			new Layer("Spring Security", "org.springframework.security."), new Layer("our code", "com.example."),
			new Layer("Spring MVC", "org.springframework.web.", "org.springframework.http."),
			new Layer("Spring AOP / core", "org.springframework.aop.", "org.springframework.core.",
					"org.springframework.beans."),
			new Layer("Tomcat (HTTP, servlet)", "org.apache.coyote.", "org.apache.tomcat.", "org.apache.catalina."));

	private static final Pattern MESSAGE = Pattern.compile("^.*\"message\":\"(.*?)\".*$");

	private ProfileSummary() {
	}

	static void main(List<String> args) {
		Path raw = Path.of(args.get(0));
		int databasePort = Integer.parseInt(System.getenv().getOrDefault("PGPORT", "5432"));
		StringBuilder out = new StringBuilder();
		out.append("# Profile (").append(raw.getFileName().toString().replaceFirst("^profile-", "")).append(")\n\n");
		out.append(read(raw.resolve("meta.txt")).strip().replace("\n", "  \n")).append("\n\n");
		out.append("| endpoint | requests/s while recorded | CPU samples | allocated MB/s | KB per request | GCs "
				+ "(pause ms) | statements / req | transactions / req | DB round trips / req |\n");
		out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		List<String> details = new ArrayList<>();
		for (String endpoint : args.subList(1, args.size())) {
			Counts counts = counts(raw, endpoint, databasePort);
			double per = Math.max(counts.requests(), 1);
			Path recording = raw.resolve(endpoint + ".jfr");
			if (!Files.exists(recording)) {
				out.append(format("| %s | | | | | | %.2f | %.2f | %.2f |%n", endpoint, counts.statementCount() / per,
						counts.transactions() / per, counts.databaseWrites() / per));
				details.add("## " + endpoint + "\n\n" + counts.describe() + "\n\n```\n"
						+ String.join("\n", counts.lastStatements((int) Math.round(counts.statementCount() / per)))
						+ "\n```\n");
				continue;
			}
			WrkOutput wrk = WrkOutput.read(raw.resolve(endpoint + ".wrk.txt"));
			double elapsed = wrk.requests() / wrk.requestsPerSecond();
			Map<String, Integer> self = new HashMap<>();
			Map<String, Integer> layers = new HashMap<>();
			Map<String, Long> allocated = new HashMap<>();
			int[] samples = { 0 };
			int[] collections = { 0 };
			double[] pauseSeconds = { 0 };
			events(recording, event -> {
				switch (event.getEventType().getName()) {
					case "jdk.ExecutionSample" -> {
						if (event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
							return;
						}
						List<String> names = event.getStackTrace()
							.getFrames()
							.stream()
							.map(ProfileSummary::name)
							.toList();
						samples[0]++;
						self.merge(names.get(0), 1, Integer::sum);
						layers.merge(innermostLayer(names), 1, Integer::sum);
					}
					case "jdk.ObjectAllocationSample" ->
						allocated.merge(event.getClass("objectClass").getName().replace('/', '.'),
								event.getLong("weight"), Long::sum);
					case "jdk.GarbageCollection" -> {
						collections[0]++;
						pauseSeconds[0] += event.getDuration("sumOfPauses").toNanos() / 1e9;
					}
					default -> {
					}
				}
			});
			int total = Math.max(samples[0], 1);
			long allocatedBytes = allocated.values().stream().mapToLong(Long::longValue).sum();
			out.append(format("| %s | %,.0f | %d | %,.0f | %,.1f | %d (%.0f) | %.2f | %.2f | %.2f |%n", endpoint,
					wrk.requestsPerSecond(), samples[0], allocatedBytes / elapsed / 1e6,
					allocatedBytes / (double) wrk.requests() / 1e3, collections[0], pauseSeconds[0] * 1000,
					counts.statementCount() / per, counts.transactions() / per, counts.databaseWrites() / per));
			List<String> lines = new ArrayList<>();
			lines.add("## " + endpoint + "\n");
			lines.add("Uptime when recorded: `" + read(raw.resolve(endpoint + ".uptime.txt")).strip() + "`"
					+ ((wrk.non2xx() > 0) ? "; **" + wrk.non2xx() + " non-2xx answers**" : "") + "\n");
			lines.add(counts.describe() + "\n");
			lines.add("Statements of one request (the last ones logged):\n");
			lines.add("```");
			int perRequest = (int) Math.round(counts.statementCount() / per);
			lines.addAll((perRequest > 0) ? counts.lastStatements(perRequest) : List.of("(none)"));
			lines.add("```\n");
			lines.add("CPU samples by layer (each charged to the innermost layer on its stack):\n");
			lines.add("| layer | samples |");
			lines.add("| --- | ---: |");
			top(layers, Integer.MAX_VALUE)
				.forEach(e -> lines.add(format("| %s | %.1f%% |", e.getKey(), e.getValue() * 100.0 / total)));
			lines.addAll(List.of("", "Top methods by self samples:\n", "| method | samples |", "| --- | ---: |"));
			top(self, 15)
				.forEach(e -> lines.add(format("| `%s` | %.1f%% |", e.getKey(), e.getValue() * 100.0 / total)));
			lines
				.addAll(List.of("", "Top allocated classes (sampled bytes):\n", "| class | share |", "| --- | ---: |"));
			top(allocated, 10).forEach(e -> lines
				.add(format("| `%s` | %.1f%% |", e.getKey(), e.getValue() * 100.0 / Math.max(allocatedBytes, 1))));
			details.add(String.join("\n", lines) + "\n");
		}
		out.append("\nAllocated: JFR allocation samples weighted by the bytes they represent, over the recorded wrk "
				+ "run. DB round trips: the driver's writes to PostgreSQL (it flushes once per round trip), counted "
				+ "with every socket event recorded, over requests sent one after the other. Statements: those "
				+ "Hibernate sends (org.hibernate.SQL); the idempotency records of POST /orders are written with "
				+ "JDBC and show in the round trips only.\n\n");
		out.append(String.join("\n", details));
		System.out.println(out);
	}

	private static Counts counts(Path raw, String endpoint, int databasePort) {
		Path recording = raw.resolve(endpoint + ".count.jfr");
		if (!Files.exists(recording)) {
			return new Counts(0, List.of(), 0, 0, 0);
		}
		int requests = Integer.parseInt(read(raw.resolve(endpoint + ".count.requests.txt")).strip().split("\\s+")[0]);
		List<String> log = read(raw.resolve(endpoint + ".count.log")).lines().toList();
		List<String> statements = log.stream().filter(line -> line.contains("org.hibernate.SQL")).map(line -> {
			Matcher matcher = MESSAGE.matcher(line);
			return matcher.matches() ? matcher.group(1) : line;
		}).toList();
		int transactions = (int) log.stream().filter(line -> line.contains("Creating new transaction")).count();
		int[] socket = { 0, 0 };
		events(recording, event -> {
			String type = event.getEventType().getName();
			if ((type.equals("jdk.SocketWrite") || type.equals("jdk.SocketRead"))
					&& event.getInt("port") == databasePort) {
				socket[type.equals("jdk.SocketWrite") ? 0 : 1]++;
			}
		});
		return new Counts(requests, statements, transactions, socket[0], socket[1]);
	}

	private static void events(Path recording, Consumer<RecordedEvent> consumer) {
		Set<String> wanted = Set.of("jdk.ExecutionSample", "jdk.ObjectAllocationSample", "jdk.GarbageCollection",
				"jdk.SocketWrite", "jdk.SocketRead");
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				if (wanted.contains(event.getEventType().getName())) {
					consumer.accept(event);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(recording.toString(), ex);
		}
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName().replace('/', '.') + "." + frame.getMethod().getName();
	}

	private static String innermostLayer(List<String> names) {
		for (Layer layer : WHOLE_CALL_LAYERS) {
			if (names.stream().anyMatch(layer::matches)) {
				return layer.name();
			}
		}
		for (String name : names) {
			for (Layer layer : LAYERS) {
				if (layer.matches(name)) {
					return layer.name();
				}
			}
		}
		return "other (JDK, threads)";
	}

	private static <V extends Comparable<V>> List<Map.Entry<String, V>> top(Map<String, V> counts, int limit) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, V>comparingByValue(Comparator.reverseOrder()))
			.limit(limit)
			.toList();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Layer(String name, String... prefixes) {

		boolean matches(String frame) {
			for (String prefix : this.prefixes) {
				if (frame.startsWith(prefix)) {
					return true;
				}
			}
			return false;
		}

	}

	/** The counting phase: requests sent one after the other and what they caused. */
	private record Counts(int requests, List<String> statements, int transactions, int databaseWrites,
			int databaseReads) {

		int statementCount() {
			return this.statements.size();
		}

		String describe() {
			return format(
					"Counting phase: %d requests one after the other, %d SQL statements, %d transactions, %d "
							+ "writes to and %d reads from PostgreSQL.",
					this.requests, statementCount(), this.transactions, this.databaseWrites, this.databaseReads);
		}

		List<String> lastStatements(int count) {
			return this.statements.subList(Math.max(0, this.statements.size() - count), this.statements.size())
				.stream()
				.map(statement -> statement.substring(0, Math.min(200, statement.length())))
				.toList();
		}

	}

}
