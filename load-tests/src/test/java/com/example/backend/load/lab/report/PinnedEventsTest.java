package com.example.backend.load.lab.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PinnedEventsTest {

	/**
	 * The shape of {@code jfr print --json --events jdk.VirtualThreadPinned} of JDK 25,
	 * stack traces shortened; the second event from a JDK without pinnedReason.
	 */
	private static final String PRINTED = """
			{
			  "recording": {
			    "events": [{
			      "type": "jdk.VirtualThreadPinned",
			      "values": {
			        "startTime": "2026-12-05T01:28:23.667217954Z",
			        "duration": "PT0.06021284S",
			        "eventThread": {"javaName": "", "javaThreadId": 27, "virtual": true},
			        "stackTrace": {"truncated": false, "frames": [
			          {"method": {"type": {"name": "java\\/lang\\/VirtualThread"}, "name": "parkOnCarrierThread"}},
			          {"method": {"type": {"name": "org\\/springframework\\/boot\\/loader\\/launch\\/LaunchedClassLoader"}, "name": "loadClass"}},
			          {"method": {"type": {"name": "com\\/zaxxer\\/hikari\\/pool\\/HikariPool"}, "name": "getConnection"}}
			        ]},
			        "blockingOperation": "LockSupport.park",
			        "pinnedReason": "VM call to Pin$Slow.<clinit> on stack",
			        "carrierThread": {"javaName": "ForkJoinPool-1-worker-1"}
			      }
			    }, {
			      "type": "jdk.VirtualThreadPinned",
			      "values": {
			        "startTime": "2026-12-05T01:30:00.5Z",
			        "duration": "PT0.03S"
			      }
			    }, {
			      "type": "jdk.VirtualThreadPinned",
			      "values": {
			        "startTime": "2026-12-05T01:31:00Z",
			        "duration": "PT0.025S",
			        "pinnedReason": "VM call to Pin$Slow.<clinit> on stack"
			      }
			    }]
			  }
			}
			""";

	@Test
	void readsEachEventsStartDurationAndReason() {
		List<PinnedEvents.Pinned> events = PinnedEvents.parse(PRINTED);

		assertThat(events).hasSize(3);
		assertThat(events.get(0)).isEqualTo(
				new PinnedEvents.Pinned(Instant.parse("2026-12-05T01:28:23.667217954Z"), Duration.ofNanos(60_212_840),
						"VM call to Pin$Slow.<clinit> on stack", "com.zaxxer.hikari.pool.HikariPool.getConnection"));
		assertThat(events.get(1).reason()).isEqualTo("reason not recorded");
		assertThat(events.get(1).where()).isEqualTo("the JDK or the jar launcher");
	}

	@Test
	void noEventsPrintNothingButTheEnvelope() {
		assertThat(PinnedEvents.parse("{\"recording\": {\"events\": []}}")).isEmpty();
		assertThat(PinnedEvents.describe(List.of(), List.of())).isEqualTo("0");
	}

	@Test
	void countsTheEventsInsideMeasuredWindowsAndTheReasonsMostFrequentFirst() {
		List<PinnedEvents.Window> measured = List.of(
				new PinnedEvents.Window(Instant.parse("2026-12-05T01:29:00Z"), Instant.parse("2026-12-05T01:29:30Z")),
				new PinnedEvents.Window(Instant.parse("2026-12-05T01:30:00Z"), Instant.parse("2026-12-05T01:30:20Z")));

		assertThat(PinnedEvents.describe(PinnedEvents.parse(PRINTED), measured))
			.isEqualTo("3 (1 while measuring; `VM call to Pin$Slow.<clinit> on stack` 2, `reason not recorded` 1; "
					+ "in `the JDK or the jar launcher` 2, `com.zaxxer.hikari.pool.HikariPool.getConnection` 1)");
	}

}
