package com.example.backend.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.backend.support.Api.Session;
import com.example.backend.support.Concurrently;
import com.example.backend.support.IntegrationTest;
import com.example.backend.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies over {@code app.request-body.max-size} (256 KB) are refused with 413 before they
 * are read, on every endpoint and for every content type, so that no request can fill the
 * heap; the largest legitimate request still fits.
 */
class RequestBodyLimitIT extends IntegrationTest {

	private static final int LIMIT = 256 * 1024;

	@Test
	void declaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() {
		// None of the 100 MB announced is ever sent: an answer proves that the server did
		// not wait to read the body.
		for (String[] target : List.of(new String[] { "POST", "/api/v1/auth/login", "application/json" },
				new String[] { "POST", "/api/v1/posts", "application/json" },
				new String[] { "PUT", "/api/v1/users/1", "application/json" },
				new String[] { "POST", "/api/v1/auth/register", "text/plain" },
				new String[] { "POST", "/api/v1/auth/login", "application/x-www-form-urlencoded" },
				new String[] { "POST", "/no/such/path", "multipart/form-data; boundary=x" })) {
			assertTooLarge(raw().sendHeadOnly(target[0], target[1], 100_000_000, "Content-Type", target[2]), target[1]);
		}
	}

	@Test
	void declaredLengthOverTheLimitIsRefusedWhenTheWholeBodyIsSent() {
		byte[] body = ("{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(LIMIT) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		assertTooLarge(raw().send("POST", "/api/v1/auth/login", body, "Content-Type", "application/json"),
				"/api/v1/auth/login");
	}

	@Test
	void chunkedBodyIsRefusedAtTheFirstBytePastTheLimit() {
		byte[] password = ("{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(2 * LIMIT) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		assertTooLarge(
				raw().sendChunked("POST", "/api/v1/auth/login", password, 8192, "Content-Type", "application/json"),
				"/api/v1/auth/login");
		Session user = this.api.newUser();
		byte[] post = ("{\"title\":\"t\",\"status\":\"DRAFT\",\"body\":\"" + "x".repeat(2 * LIMIT) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		assertTooLarge(raw().sendChunked("POST", "/api/v1/posts", post, 8192, "Content-Type", "application/json",
				"Authorization", "Bearer " + user.accessToken()), "/api/v1/posts");
	}

	@Test
	void chunkedBodyUnderTheLimitIsReadAsUsual() {
		byte[] body = "{\"email\":\"nobody@example.com\",\"password\":\"wrong-password\"}"
			.getBytes(StandardCharsets.UTF_8);
		RawHttp.Response response = raw().sendChunked("POST", "/api/v1/auth/login", body, 7, "Content-Type",
				"application/json");
		assertThat(response.status()).as(response.body()).isEqualTo(401);
	}

	@Test
	void theLargestLegitimatePostFitsEvenWithEveryCharacterEscaped() {
		Session user = this.api.newUser();
		String escapedBody = "\\u00e9".repeat(20_000);
		String json = "{\"title\":\"" + "\\u00e9".repeat(200) + "\",\"status\":\"DRAFT\",\"body\":\"" + escapedBody
				+ "\"}";
		assertThat(json.length()).isLessThan(LIMIT);
		var created = this.api.post("/api/v1/posts", json, user.auth());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.json().get("body").asString()).hasSize(20_000);
	}

	@Test
	void aBurstOfOversizedBodiesLeavesTheServiceServing() throws Exception {
		byte[] body = ("{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(1024 * 1024) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		List<Integer> statuses = Concurrently.run(20,
				(i) -> () -> raw()
					.sendChunked("POST", "/api/v1/auth/login", body, 65536, "Content-Type", "application/json")
					.status());
		assertThat(statuses).containsOnly(413);
		assertThat(this.api.get("/livez").status()).isEqualTo(200);
	}

	private static void assertTooLarge(RawHttp.Response response, String path) {
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(413);
		assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("urn:problem-type:payload-too-large");
		assertThat(problem.get("detail").asString()).contains(Integer.toString(LIMIT));
		assertThat(problem.get("instance").asString()).isEqualTo(path);
		assertThat(problem.get("requestId").asString()).isEqualTo(response.headers().get("x-request-id"));
	}

}
