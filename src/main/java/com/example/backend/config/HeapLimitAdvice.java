package com.example.backend.config;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import com.sun.management.VMOption.Origin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warns once at start when nobody bounded the heap. A jar cannot carry JVM flags, and
 * without one the JVM may grow the heap to a quarter of the machine's memory: G1 took
 * this service to 905 MB resident under load on a 24 GB machine, against 448 MB with
 * {@code -Xmx512m} (docs/performance.md, Start-up and memory). The image and
 * {@code ./mvnw spring-boot:run} pass a bound; a plain {@code java -jar} gets this line.
 */
@Component
class HeapLimitAdvice {

	private static final Logger log = LoggerFactory.getLogger(HeapLimitAdvice.class);

	/** The flags that bound the heap, directly or as a share of the memory. */
	static final List<String> HEAP_FLAGS = List.of("MaxHeapSize", "MaxRAMPercentage", "MaxRAM");

	/** Below this the JVM's own choice is a bound already (a small container, say). */
	static final long LARGEST_UNADVISED_BYTES = 1024L * 1024 * 1024;

	@EventListener
	void onReady(ApplicationReadyEvent event) {
		try {
			HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			List<Origin> origins = HEAP_FLAGS.stream().map(vm::getVMOption).map(VMOption::getOrigin).toList();
			advice(Runtime.getRuntime().maxMemory(), origins).ifPresent(log::warn);
		}
		catch (IllegalArgumentException ex) {
			// Not HotSpot, or a JVM without one of these flags: advice only, never a
			// reason to fail the start.
			log.debug("Heap flags not readable on this JVM: {}", ex.getMessage());
		}
	}

	/**
	 * The warning, when the heap's limit is large and every heap flag has the value the
	 * JVM chose itself.
	 */
	static Optional<String> advice(long maxHeapBytes, List<Origin> heapFlagOrigins) {
		boolean chosenByJvm = heapFlagOrigins.stream().allMatch(o -> o == Origin.DEFAULT || o == Origin.ERGONOMIC);
		if (!chosenByJvm || maxHeapBytes <= LARGEST_UNADVISED_BYTES) {
			return Optional.empty();
		}
		return Optional.of(String.format(Locale.ROOT,
				"No heap limit was given, so the JVM may grow the heap to %,d MB, and under load it does. "
						+ "A 512 MB heap serves this service: start it with java -XX:+UseSerialGC -Xmx512m -jar "
						+ "(docs/deployment.md, Memory).",
				maxHeapBytes / (1024 * 1024)));
	}

}
