package com.example.backend.filters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTelemetryTest {

	@Test
	void formatsMillisecondsWithThreeDecimals() {
		assertThat(RequestTelemetry.millis(0)).isEqualTo("0.000");
		assertThat(RequestTelemetry.millis(999)).isEqualTo("0.000");
		assertThat(RequestTelemetry.millis(1_000)).isEqualTo("0.001");
		assertThat(RequestTelemetry.millis(12_345_678)).isEqualTo("12.345");
		assertThat(RequestTelemetry.millis(2_050_000_000L)).isEqualTo("2050.000");
		assertThat(RequestTelemetry.millis(-5)).isEqualTo("0.000");
	}

	@Test
	void namesThePathTemplateNeverTheRawUri() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users/42");
		request.setQueryString("token=secret");
		assertThat(RequestTelemetry.pathTemplate(request)).isEqualTo("UNMATCHED");

		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/v1/users/{id}");
		assertThat(RequestTelemetry.pathTemplate(request)).isEqualTo("/api/v1/users/{id}");
	}

	@Test
	void foldsUnknownMethodsIntoOne() {
		assertThat(RequestTelemetry.method(new MockHttpServletRequest("PATCH", "/"))).isEqualTo("PATCH");
		assertThat(RequestTelemetry.method(new MockHttpServletRequest("BREW", "/"))).isEqualTo("OTHER");
	}

	/**
	 * Production logs are ECS JSON, which refuses a line whose key-values repeat an MDC
	 * key.
	 */
	@Test
	void theAccessLogLineRendersAsEcsJsonWithItsFields() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/users/42");
		request.setQueryString("token=secret");
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/v1/users/{id}");
		request.setAttribute(RequestIds.ATTRIBUTE, "ecs-1");
		request.setAttribute(RequestAttributes.USER_ID, 42L);
		ILoggingEvent event = captureAccessLine(() -> {
			MDC.put(RequestIds.MDC_KEY, "ecs-1");
			try {
				new RequestTelemetry(new SimpleMeterRegistry()).completed(request, 200, System.nanoTime());
			}
			finally {
				MDC.remove(RequestIds.MDC_KEY);
			}
		});

		String json = ecs(event);

		assertThat(json)
			.contains("\"method\":\"GET\"", "\"path\":\"/api/v1/users/{id}\"", "\"status\":200",
					"\"requestId\":\"ecs-1\"", "\"userId\":42", "\"durationMs\":")
			.doesNotContain("token", "secret");
	}

	@Test
	void timesRequestsByMethodTemplateAndStatus() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		RequestTelemetry telemetry = new RequestTelemetry(registry);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/ping");
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/v1/ping");

		telemetry.completed(request, 200, System.nanoTime());
		telemetry.completed(request, 200, System.nanoTime());
		telemetry.completed(request, 503, System.nanoTime());

		assertThat(registry.get(RequestTelemetry.TIMER)
			.tags("method", "GET", "uri", "/api/v1/ping", "status", "200")
			.timer()
			.count()).isEqualTo(2);
		assertThat(registry.get(RequestTelemetry.TIMER).tag("status", "503").timer().count()).isEqualTo(1);
	}

	private static ILoggingEvent captureAccessLine(Runnable action) {
		Logger access = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("access");
		List<ILoggingEvent> events = new ArrayList<>();
		AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {

			@Override
			protected void append(ILoggingEvent event) {
				// Takes the MDC now, while it is set.
				event.prepareForDeferredProcessing();
				events.add(event);
			}

		};
		appender.start();
		access.addAppender(appender);
		try {
			action.run();
		}
		finally {
			access.detachAppender(appender);
		}
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	private static String ecs(ILoggingEvent event) {
		LoggerContext context = new LoggerContext();
		context.putObject(Environment.class.getName(), new MockEnvironment());
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat("ecs");
		encoder.start();
		return new String(encoder.encode(event), StandardCharsets.UTF_8);
	}

}
