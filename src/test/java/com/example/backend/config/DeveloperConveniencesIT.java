package com.example.backend.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.backend.support.Api.Response;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a developer meets first: the root page, CORS mistakes, build information. */
@ExtendWith(OutputCaptureExtension.class)
class DeveloperConveniencesIT extends IntegrationTest {

	@Test
	void rootRedirectsToSwaggerUi() {
		Response root = this.api.get("/");

		assertThat(root.status()).isEqualTo(302);
		assertThat(root.header("Location")).endsWith("/swagger-ui.html");
	}

	@Test
	void aRejectedOriginGetsAProblemAndIsNamedInTheAccessLog(CapturedOutput output) {
		Response simple = this.api.get("/api/v1/posts", "Origin", "http://127.0.0.1:5173", "X-Request-Id",
				"cors-simple-1");
		Response preflight = this.api.send("OPTIONS", "/api/v1/auth/login", null, "Origin", "http://127.0.0.1:5173",
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type",
				"X-Request-Id", "cors-preflight-1");

		for (Response rejected : new Response[] { simple, preflight }) {
			JsonNode problem = rejected.assertProblem(403, "cors-origin-rejected");
			assertThat(problem.get("detail").asString()).contains("http://127.0.0.1:5173", "app.cors.allowed-origins",
					"different origins");
			assertThat(rejected.header("Access-Control-Allow-Origin")).isNull();
		}
		// The access log is written by an asynchronous appender: wait for the lines.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(output)
				.containsPattern("requestId=cors-simple-1 rejectedOrigin=http://127\\.0\\.0\\.1:5173")
				.containsPattern("requestId=cors-preflight-1 rejectedOrigin=http://127\\.0\\.0\\.1:5173"));
	}

	@Test
	void anAllowedOriginIsAnsweredNormally() {
		Response allowed = this.api.get("/api/v1/posts", "Origin", "http://localhost:5173");

		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
		assertThat(allowed.header("Access-Control-Expose-Headers")).contains("Location", "ETag", "X-Request-Id",
				"WWW-Authenticate", "Idempotent-Replayed");
	}

	@Test
	void infoShowsBuildAndCommit() {
		JsonNode info = this.api.get("/actuator/info").json();

		assertThat(info.at("/build/artifact").asString()).isEqualTo("reference-backend");
		assertThat(info.at("/build/version").asString()).isNotBlank();
		assertThat(info.at("/git/commit/id").isMissingNode()).as("git information: %s", info).isFalse();
	}

}
