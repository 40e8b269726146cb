package com.example.backend.load.lab.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static com.example.backend.load.lab.report.Figures.format;

/**
 * The pinned virtual threads of a flight recording: {@code jfr print --json --events
 * jdk.VirtualThreadPinned} (the recording JDK's own tool reads its own format; Jackson 2
 * comes with Gatling). Each event with when it began, how long it pinned its carrier and
 * why (JDK 24+ names the reason, e.g. a class initialiser or a native frame on the
 * stack).
 */
public final class PinnedEvents {

	private static final ObjectMapper json = new ObjectMapper();

	private PinnedEvents() {
	}

	/** The events of {@code jfr print --json} output, in the order printed. */
	public static List<Pinned> parse(String printed) {
		try {
			List<Pinned> events = new ArrayList<>();
			for (JsonNode event : json.readTree(printed).path("recording").path("events")) {
				if (!"jdk.VirtualThreadPinned".equals(event.path("type").asText())) {
					continue;
				}
				JsonNode values = event.path("values");
				String reason = values.path("pinnedReason").asText("");
				events.add(new Pinned(Instant.parse(values.path("startTime").asText()),
						Duration.parse(values.path("duration").asText("PT0S")),
						reason.isEmpty() ? "reason not recorded" : reason, where(values.path("stackTrace"))));
			}
			return events;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The first frame outside the JDK and Spring Boot's jar launcher (whose class loader
	 * is on the stack of every class load): the code that was running when the thread
	 * pinned its carrier; "the JDK or the jar launcher" when there is none.
	 */
	private static String where(JsonNode stackTrace) {
		for (JsonNode frame : stackTrace.path("frames")) {
			String type = frame.path("method").path("type").path("name").asText("").replace('/', '.');
			if (!type.isEmpty() && Stream.of("java.", "jdk.", "sun.", "org.springframework.boot.loader.")
				.noneMatch(type::startsWith)) {
				return type + "." + frame.path("method").path("name").asText();
			}
		}
		return "the JDK or the jar launcher";
	}

	/**
	 * "10 (0 while measuring; VM call to X.&lt;clinit&gt; on stack 7, ...)": how many,
	 * how many began inside one of the measured windows, the reasons and the code that
	 * pinned, most frequent first.
	 */
	public static String describe(List<Pinned> events, List<Window> measured) {
		if (events.isEmpty()) {
			return "0";
		}
		long inside = events.stream()
			.filter(event -> measured.stream().anyMatch(window -> window.contains(event.start())))
			.count();
		return format("%d (%d while measuring; %s; in %s)", events.size(), inside, counted(events, Pinned::reason),
				counted(events, Pinned::where));
	}

	/** "`a` 7, `b` 3": how often each value occurs, most frequent first. */
	private static String counted(List<Pinned> events, Function<Pinned, String> key) {
		Map<String, Long> counts = new TreeMap<>(
				events.stream().collect(Collectors.groupingBy(key, Collectors.counting())));
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.map(entry -> "`" + entry.getKey() + "` " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	/**
	 * One pinning: when it began, how long it lasted, why, and in which code (the first
	 * frame outside the JDK).
	 */
	public record Pinned(Instant start, Duration duration, String reason, String where) {
	}

	/** A measured window, start and end inclusive. */
	public record Window(Instant start, Instant end) {

		boolean contains(Instant instant) {
			return !instant.isBefore(this.start) && !instant.isAfter(this.end);
		}

	}

}
