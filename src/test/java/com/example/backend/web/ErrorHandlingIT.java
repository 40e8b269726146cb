package com.example.backend.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of every kind gets a 4xx problem+json with the request id, never a 500 or
 * internals.
 */
@ExtendWith(OutputCaptureExtension.class)
class ErrorHandlingIT extends IntegrationTest {

	@Test
	void malformedJsonIsBadRequest() {
		this.api.post("/api/v1/auth/register", "{\"email\": ").assertProblem(400, "malformed-request");
	}

	@Test
	void wrongJsonTypeIsBadRequest() {
		this.api.post("/api/v1/auth/login", "{\"email\": [1, 2], \"password\": {}}")
			.assertProblem(400, "malformed-request");
	}

	@Test
	void emptyBodyIsBadRequest() {
		this.api.send("POST", "/api/v1/auth/login", "").assertProblem(400, "malformed-request");
	}

	@Test
	void missingFieldsAreUnprocessableWithFieldList() {
		JsonNode problem = this.api.post("/api/v1/auth/register", "{}").assertProblem(422, "validation-failed");

		assertThat(problem.get("errors").findValuesAsString("field")).contains("email", "password", "displayName");
		assertThat(problem.get("errors").findValuesAsString("message")).allSatisfy(m -> assertThat(m).isNotBlank());
	}

	@Test
	void wrongContentTypeIsUnsupportedMediaType() {
		this.api.send("POST", "/api/v1/auth/login", null, "Content-Type", "text/plain")
			.assertProblem(415, "unsupported-media-type");
	}

	@Test
	void wrongMethodIsMethodNotAllowed() {
		Session user = this.api.newUser();
		Response response = this.api.send("PUT", "/api/v1/users/me", "{}", user.auth());

		response.assertProblem(405, "method-not-allowed");
		assertThat(response.header("Allow")).contains("GET");
	}

	@Test
	void unknownPathIsNotFoundForAuthenticatedCallers() {
		Session user = this.api.newUser();
		this.api.get("/api/v1/no-such-thing", user.auth()).assertProblem(404, "not-found");
	}

	@Test
	void hugePageNumbersAreBadRequest() {
		this.api.get("/api/v1/posts?page=21474837&size=100").assertProblem(400, "malformed-request");
		this.api.get("/api/v1/products?page=2147483647").assertProblem(400, "malformed-request");
	}

	@Test
	void textTheDatabaseCannotStoreIsBadRequest() {
		Session user = this.api.newUser();
		this.api.post("/api/v1/posts", Map.of("title", "nul\u0000byte", "body", "b", "status", "DRAFT"), user.auth())
			.assertProblem(400, "malformed-request");
	}

	@Test
	void nonNumericIdIsBadRequest() {
		Session user = this.api.newUser();
		this.api.get("/api/v1/users/abc", user.auth()).assertProblem(400, "malformed-request");
	}

	@Test
	void unexpectedErrorsAreGenericAndLoggedWithTheRequestId(CapturedOutput output) {
		Session user = this.api.newUser();
		Response response = this.api.get("/api/v1/test/unexpected-failure", user.authWith("X-Request-Id", "boom-42"));

		JsonNode problem = response.assertProblem(500, "internal-error");
		assertThat(problem.get("detail").asString()).doesNotContain("password_hash");
		assertThat(response.body()).doesNotContain(FailingTestController.SECRET_DETAIL, "IllegalStateException");
		assertThat(output).contains("Unexpected error on GET /api/v1/test/unexpected-failure (requestId boom-42)");
	}

	@Test
	void keepsASafeCallerRequestId() {
		Response response = this.api.get("/api/v1/ping", "X-Request-Id", "client-req_42.a");

		assertThat(response.header("X-Request-Id")).isEqualTo("client-req_42.a");
	}

	@Test
	void replacesAnUnsafeCallerRequestId() {
		for (String unsafe : new String[] { "has space", "x".repeat(65), "<script>", "a\tb" }) {
			Response response = this.api.get("/api/v1/ping", "X-Request-Id", unsafe);
			assertThat(response.header("X-Request-Id")).isNotEqualTo(unsafe).matches("[A-Za-z0-9._-]{1,64}");
		}
	}

	@Test
	void problemCarriesTheCallersRequestId() {
		Response response = this.api.get("/api/v1/users/me", "X-Request-Id", "trace-me-123");

		assertThat(response.assertProblem(401, "unauthorized").get("requestId").asString()).isEqualTo("trace-me-123");
	}

	@Test
	void everyResponseCarriesARequestId() {
		assertThat(this.api.get("/api/v1/ping").header("X-Request-Id")).isNotBlank();
		assertThat(this.api.get("/actuator/health").header("X-Request-Id")).isNotBlank();
		assertThat(this.api.get("/v3/api-docs").header("X-Request-Id")).isNotBlank();
	}

}
