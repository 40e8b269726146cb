package com.example.backend.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

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

	@Test
	void timesRequestsByMethodTemplateAndStatus() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		RequestTelemetry telemetry = new RequestTelemetry(registry);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/ping");
		request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/v1/ping");

		telemetry.completed(request, 200, System.nanoTime());
		telemetry.completed(request, 200, System.nanoTime());
		telemetry.completed(request, 503, System.nanoTime());

		assertThat(registry.get(RequestTelemetry.TIMER).tags("method", "GET", "uri", "/api/v1/ping", "status", "200")
			.timer()
			.count()).isEqualTo(2);
		assertThat(registry.get(RequestTelemetry.TIMER).tag("status", "503").timer().count()).isEqualTo(1);
	}

}
