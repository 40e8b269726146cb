package com.example.backend.config;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One request can be followed through the application, its database calls and its Redis
 * commands (the cache is read before PostgreSQL): the spans that an OTLP exporter would
 * send share the trace id that the problem+json reports. A recording exporter stands in
 * for the OTLP one (which needs an endpoint).
 */
@Import(TracingIT.Recording.class)
@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0", "jdbc.datasource-proxy.enabled=true",
		"management.opentelemetry.tracing.export.schedule-delay=100ms" })
class TracingIT extends IntegrationTest {

	@Autowired
	private RecordingExporter exported;

	@Test
	void aRequestsSpansIncludeItsSqlAndRedisCommandsUnderTheTraceIdOfTheResponse() {
		String traceId = this.api.get("/api/v1/posts/999999999").json().get("traceId").asString();

		List<SpanData> spans = this.exported.awaitTrace(traceId, Duration.ofSeconds(15));

		assertThat(spans).extracting(SpanData::getName)
			.anySatisfy((name) -> assertThat(name).startsWith("http get"))
			.anySatisfy((name) -> assertThat(name).isEqualTo("query"));
		// SQL with placeholders only: bound values (here the id) never reach a span.
		assertThat(spans).filteredOn((span) -> span.getName().equals("query"))
			.flatExtracting((span) -> span.getAttributes().asMap().values())
			.anySatisfy((value) -> assertThat(value.toString()).contains("from posts").containsPattern("=\\s*\\?"))
			.noneSatisfy((value) -> assertThat(value.toString()).contains("999999999"));
		assertThat(spans).extracting((span) -> span.getAttributes().asMap().toString())
			.anySatisfy((attributes) -> assertThat(attributes).contains("db.system=redis"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Recording {

		@Bean
		RecordingExporter recordingExporter() {
			return new RecordingExporter();
		}

	}

	static class RecordingExporter implements SpanExporter {

		private final List<SpanData> spans = new CopyOnWriteArrayList<>();

		@Override
		public CompletableResultCode export(Collection<SpanData> batch) {
			this.spans.addAll(batch);
			return CompletableResultCode.ofSuccess();
		}

		/**
		 * The trace's spans once its root span (the one without a parent) is exported.
		 */
		List<SpanData> awaitTrace(String traceId, Duration timeout) {
			return await().atMost(timeout)
				.alias("a complete trace " + traceId)
				.until(() -> this.spans.stream().filter((span) -> span.getTraceId().equals(traceId)).toList(),
						(trace) -> trace.stream().anyMatch((span) -> !span.getParentSpanContext().isValid()));
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
