package com.example.backend.filters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access log's hand-written ECS lines are byte for byte what Spring Boot's
 * {@code ecs} format writes, and everything the shortcut does not handle still gets
 * Boot's line.
 */
class AccessLogEncoderTest {

	private final MockEnvironment environment = new MockEnvironment()
		.withProperty("spring.application.name", "reference-backend")
		.withProperty("spring.application.version", "1.2.3")
		.withProperty("spring.application.pid", "4321");

	@Test
	void writesAccessLinesAsSpringBootsEcsFormatDoes() {
		AccessLogEncoder encoder = encoder(AccessLogEncoder::new);
		StructuredLogEncoder boot = encoder(StructuredLogEncoder::new);

		for (ILoggingEvent event : new ILoggingEvent[] { access(Map.of()),
				access(Map.of("requestId", "r-1", "traceId", "0af7651916cd43dd8448eb211c80319c", "spanId",
						"b7ad6b7169203331")),
				accessWith(new KeyValuePair("userId", 42L),
						new KeyValuePair("rejectedOrigin", "https://evil.example/\"}\u0007\u00e9\u2028")) }) {
			assertThat(encoder.handWritten(event)).as("written by hand").isNotNull();
			assertThat(text(encoder.encode(event))).isEqualTo(text(boot.encode(event)));
		}
	}

	@Test
	void checksItselfAgainstSpringBootAtStartAndStaysOnForTheShippedSettings() {
		assertThat(encoder(AccessLogEncoder::new).shortcut()).isTrue();
		this.environment.withProperty("logging.structured.ecs.service.environment", "production")
			.withProperty("logging.structured.ecs.service.node-name", "pod-1");
		AccessLogEncoder withService = encoder(AccessLogEncoder::new);
		assertThat(withService.shortcut()).isTrue();
		assertThat(text(withService.encode(access(Map.of()))))
			.isEqualTo(text(encoder(StructuredLogEncoder::new).encode(access(Map.of()))))
			.contains("\"environment\":\"production\"", "\"node\":{\"name\":\"pod-1\"}");
	}

	@Test
	void leavesEverythingElseToSpringBoot() {
		AccessLogEncoder encoder = encoder(AccessLogEncoder::new);
		StructuredLogEncoder boot = encoder(StructuredLogEncoder::new);
		LoggingEvent failure = access(Map.of());
		failure.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("boom")));
		LoggingEvent marked = access(Map.of());
		marked.addMarker(MarkerFactory.getMarker("AUDIT"));
		LoggingEvent dotted = accessWith(new KeyValuePair("http.method", "GET"));
		LoggingEvent listValued = accessWith(new KeyValuePair("ids", java.util.List.of(1, 2)));

		for (LoggingEvent event : new LoggingEvent[] { failure, marked, dotted, listValued }) {
			assertThat(encoder.handWritten(event)).isNull();
			assertThat(text(encoder.encode(event))).isEqualTo(text(boot.encode(event)));
		}
	}

	@Test
	void turnsItselfOffWhenTheLayoutIsCustomised() {
		this.environment.withProperty("logging.structured.json.exclude", "process.thread.name");
		AccessLogEncoder encoder = encoder(AccessLogEncoder::new);

		assertThat(encoder.shortcut()).isFalse();
		assertThat(text(encoder.encode(access(Map.of())))).doesNotContain("http-nio-8080-exec-7")
			.isEqualTo(text(encoder(StructuredLogEncoder::new).encode(access(Map.of()))));
	}

	private <E extends StructuredLogEncoder> E encoder(java.util.function.Supplier<E> create) {
		LoggerContext context = new LoggerContext();
		context.putObject(Environment.class.getName(), this.environment);
		E encoder = create.get();
		encoder.setContext(context);
		encoder.setFormat(AccessLogEncoder.ECS);
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		return encoder;
	}

	private static LoggingEvent access(Map<String, String> mdc) {
		LoggingEvent event = new LoggingEvent();
		event.setLoggerName("access");
		event.setLevel(Level.INFO);
		event.setThreadName("http-nio-8080-exec-7");
		event.setInstant(Instant.parse("2026-12-05T01:24:51.067855743Z"));
		event.setMessage("method={} path={} status={} durationMs={} requestId={}");
		event.setArgumentArray(new Object[] { "GET", "/api/v1/posts/{id}", 200, "37.255", "r-1" });
		event.setMDCPropertyMap(new LinkedHashMap<>(mdc));
		event.addKeyValuePair(new KeyValuePair("method", "GET"));
		event.addKeyValuePair(new KeyValuePair("path", "/api/v1/posts/{id}"));
		event.addKeyValuePair(new KeyValuePair("status", 200));
		event.addKeyValuePair(new KeyValuePair("durationMs", 37.255));
		return event;
	}

	private static LoggingEvent accessWith(KeyValuePair... more) {
		LoggingEvent event = access(Map.of("requestId", "r-2"));
		for (KeyValuePair pair : more) {
			event.addKeyValuePair(pair);
		}
		return event;
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
