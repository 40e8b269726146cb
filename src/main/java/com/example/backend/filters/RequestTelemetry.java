package com.example.backend.filters;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

import com.example.backend.contract.ApiHeaders;

/**
 * What both filter variants record when a request ends: the {@value #TIMER} timer and one
 * access log line. Kept here so that the high- and low-level variants differ only in how
 * they hook into the request.
 * <p>
 * The log line names the path <em>template</em> ({@code /api/v1/users/{id}}), never the
 * raw URI: query strings may carry secrets, and raw paths would also give the timer
 * unbounded tag values. Headers (Authorization!) and bodies are never logged.
 */
@Component
public final class RequestTelemetry {

	public static final String RESPONSE_TIME_HEADER = ApiHeaders.RESPONSE_TIME;

	public static final String TIMER = "app.http.requests";

	/**
	 * Path of requests that no handler matched, e.g. those answered by Spring Security.
	 */
	static final String UNMATCHED = "UNMATCHED";

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
			"TRACE");

	// One logger for the access log, so that it can be routed or silenced on its own.
	private static final Logger accessLog = LoggerFactory.getLogger("access");

	private final MeterRegistry registry;

	// Timer.builder(...).register(...) would build ids and tag lists on every request
	// only for the registry to find the existing meter. The tag space is bounded
	// (templates, known methods, statuses), so the map is too.
	private final ConcurrentMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();

	RequestTelemetry(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Records a finished request that started at {@code startNanos}
	 * ({@link System#nanoTime()}).
	 */
	public void completed(HttpServletRequest request, int status, long startNanos) {
		long nanos = System.nanoTime() - startNanos;
		String method = method(request);
		String path = pathTemplate(request);
		timer(method, path, status).record(nanos, TimeUnit.NANOSECONDS);
		if (accessLog.isInfoEnabled()) {
			log(request, method, path, status, nanos);
		}
	}

	/**
	 * Milliseconds with three decimals ("12.345"), without {@code String.format}'s cost
	 * on every request and without {@code Double.toString}'s exponent notation.
	 */
	public static String millis(long nanos) {
		long micros = Math.max(0, nanos) / 1_000;
		long fraction = micros % 1_000;
		String digits = (fraction < 10) ? "00" : (fraction < 100) ? "0" : "";
		return (micros / 1_000) + "." + digits + fraction;
	}

	static String pathTemplate(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		return (pattern != null) ? pattern.toString() : UNMATCHED;
	}

	/**
	 * Known methods as they are; anything else as OTHER, so that callers cannot invent
	 * tag values.
	 */
	static String method(HttpServletRequest request) {
		String method = request.getMethod();
		return METHODS.contains(method) ? method : "OTHER";
	}

	private Timer timer(String method, String path, int status) {
		return this.timers.computeIfAbsent(new TimerKey(method, path, status),
				key -> Timer.builder(TIMER)
					.description("HTTP requests, timed by the request filters")
					.tag("method", key.method())
					.tag("uri", key.path())
					.tag("status", Integer.toString(key.status()))
					.register(this.registry));
	}

	// The message repeats the key-values so that the plain text console shows them too;
	// structured formats (ECS in production) turn the key-values into JSON fields.
	private static void log(HttpServletRequest request, String method, String path, int status, long nanos) {
		String duration = millis(nanos);
		String requestId = RequestIds.of(request);
		Object userId = request.getAttribute(RequestAttributes.USER_ID);
		LoggingEventBuilder line = accessLog.atInfo()
			.addKeyValue("method", method)
			.addKeyValue("path", path)
			.addKeyValue("status", status)
			.addKeyValue("durationMs", (nanos / 1_000) / 1_000.0); // a number in JSON
		// Structured formats already add the MDC's requestId, and ECS drops a line that
		// names it twice.
		if (MDC.get(RequestIds.MDC_KEY) == null) {
			line = line.addKeyValue("requestId", requestId);
		}
		line = line.addArgument(method)
			.addArgument(path)
			.addArgument(status)
			.addArgument(duration)
			.addArgument(requestId);
		String format = "method={} path={} status={} durationMs={} requestId={}";
		if (userId != null) {
			line = line.addKeyValue("userId", userId).addArgument(userId);
			format += " userId={}";
		}
		Object rejectedOrigin = request.getAttribute(RequestAttributes.REJECTED_ORIGIN);
		if (rejectedOrigin != null) {
			line = line.addKeyValue("rejectedOrigin", rejectedOrigin).addArgument(rejectedOrigin);
			format += " rejectedOrigin={}";
		}
		line.log(format);
	}

	private record TimerKey(String method, String path, int status) {
	}

}
