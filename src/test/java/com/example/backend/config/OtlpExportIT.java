package com.example.backend.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spans leave the process over OTLP/HTTP, as configured in production: a fake collector
 * (the JDK's HTTP server) receives the protobuf export that carries the trace id the
 * problem+json reports. TracingIT checks what the spans contain; this checks that the
 * exporter's transport (the JDK's HTTP client, not OkHttp) delivers them.
 */
@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0",
		"management.opentelemetry.tracing.export.schedule-delay=100ms" })
class OtlpExportIT extends IntegrationTest {

	private static final Collector collector = Collector.start();

	@DynamicPropertySource
	static void collectorEndpoint(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", collector::endpoint);
	}

	@AfterAll
	static void stopCollector() {
		collector.stop();
	}

	@Test
	void aRequestsTraceIsPostedToTheCollectorAsProtobuf() {
		String traceId = this.api.get("/api/v1/posts/999999999").json().get("traceId").asString();
		// OTLP's protobuf encoding carries the trace id as its 16 raw bytes.
		String traceIdBytes = new String(HexFormat.of().parseHex(traceId), StandardCharsets.ISO_8859_1);

		await().atMost(Duration.ofSeconds(15))
			.alias("an export to the collector with trace " + traceId)
			.until(() -> collector.received()
				.stream()
				.anyMatch((export) -> export.contentType().equals("application/x-protobuf")
						&& export.body().contains(traceIdBytes)));
	}

	/** What an OTLP/HTTP collector receives; answers every export with 200. */
	record Export(String contentType, String body) {
	}

	private static final class Collector {

		private final HttpServer server;

		private final List<Export> received = new CopyOnWriteArrayList<>();

		private Collector(HttpServer server) {
			this.server = server;
		}

		static Collector start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
				Collector collector = new Collector(server);
				server.createContext("/v1/traces", collector::handle);
				server.start();
				return collector;
			}
			catch (IOException ex) {
				throw new IllegalStateException("fake collector did not start", ex);
			}
		}

		private void handle(HttpExchange exchange) throws IOException {
			try (InputStream body = exchange.getRequestBody()) {
				String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
				this.received
					.add(new Export(contentType, new String(body.readAllBytes(), StandardCharsets.ISO_8859_1)));
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		}

		String endpoint() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
		}

		List<Export> received() {
			return this.received;
		}

		void stop() {
			this.server.stop(0);
		}

	}

}
