package com.example.backend.web;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.example.backend.support.Api;
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

	/**
	 * A YAML module is on the class path (springdoc's), and Spring reads YAML bodies
	 * whenever one is; the API reads JSON only, through its strict JSON settings.
	 */
	@Test
	void yamlBodyIsUnsupportedMediaTypeAndChangesNothing() {
		String email = "yaml-" + System.nanoTime() + "@example.com";
		String yaml = "email: " + email + "\npassword: correct horse battery staple\ndisplayName: Yaml\n";

		this.api.send("POST", "/api/v1/auth/register", yaml, "Content-Type", "application/yaml")
			.assertProblem(415, "unsupported-media-type");
		this.api
			.post("/api/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery staple\"}")
			.assertProblem(401, "invalid-credentials");
	}

	@Test
	void wrongMethodIsMethodNotAllowed() {
		Session user = this.api.newUser();
		Response response = this.api.send("PUT", "/api/v1/users/me", "{}", user.auth());

		response.assertProblem(405, "method-not-allowed");
		assertThat(response.header("Allow")).contains("GET");
	}

	/**
	 * Where no method needs a token, a wrong method must not be answered as if one were
	 * missing.
	 */
	@Test
	void wrongMethodWhereNoTokenIsNeededIsMethodNotAllowedNotUnauthorized() {
		for (String method : new String[] { "GET", "DELETE", "PUT" }) {
			Response response = this.api.send(method, "/api/v1/auth/login", null);

			response.assertProblem(405, "method-not-allowed");
			assertThat(response.header("Allow")).isEqualTo("POST");
		}
		for (String path : new String[] { "/api/v1/ping", "/api/v1/users/1/posts" }) {
			Response response = this.api.send("DELETE", path, null);

			response.assertProblem(405, "method-not-allowed");
			assertThat(response.header("Allow")).contains("GET");
		}
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
	void everySortFormTheApiDoesNotOfferIsBadRequest() {
		Session admin = admin();
		for (String list : new String[] { "/api/v1/posts", "/api/v1/users/" + admin.id() + "/posts", "/api/v1/products",
				"/api/v1/users", "/api/v1/orders" }) {
			for (String sort : new String[] { "createdAt,desc,ignorecase", "createdAt,ignorecase", "id,IgnoreCase",
					"createdAt,asc,desc", "password,asc", "createdAt,sideways" }) {
				String path = list + "?sort=" + sort;
				Response response = this.api.get(path, admin.auth());
				assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(400);
				response.assertProblem(400, "malformed-request");
			}
			assertThat(this.api.get(list + "?sort=createdAt,desc", admin.auth()).status()).as(list).isEqualTo(200);
		}
	}

	@Test
	void textTheDatabaseCannotStoreIsBadRequest() {
		Session user = this.api.newUser();
		this.api.post("/api/v1/posts", Map.of("title", "nul\u0000byte", "body", "b", "status", "DRAFT"), user.auth())
			.assertProblem(400, "malformed-request");
	}

	@Test
	void malformedPercentEncodingIsBadRequestLoggedWithoutAStackTrace(CapturedOutput output) {
		for (String target : new String[] { "/api/v1/products?sort=%25", "/api/v1/posts?x=%",
				"/api/v1/posts?authorId=%zz", "/api/v1/posts?x=%ED%A0%80", "/api/v1/products?sort=%C3%28" }) {
			raw().send("GET", target, (byte[]) null).assertProblem(400);
		}
		assertThat(output).doesNotContain("Unexpected error", "IllegalArgumentException", "InvalidParameterException");
	}

	/**
	 * Spring Security's firewall refuses a header value with a control character only
	 * when the header is read, which may be in a controller: a 400 then, not a 500 and a
	 * stack trace for anyone who sends one byte.
	 */
	@Test
	void aControlCharacterInAHeaderIsBadRequestLoggedWithoutAStackTrace(CapturedOutput output) {
		Session user = this.api.newUser();
		long post = this.api
			.post("/api/v1/posts", Map.of("title", "t", "body", "b", "status", "PUBLISHED"), user.auth())
			.json()
			.get("id")
			.asLong();
		String control = "a\u0085b";

		raw().send("GET", "/api/v1/posts/" + post, (byte[]) null, "If-None-Match", control).assertProblem(400);
		raw().send("GET", "/api/v1/users/me", (byte[]) null, user.authWith("If-None-Match", control))
			.assertProblem(400);
		raw()
			.send("POST", "/api/v1/orders", "{\"items\":[{\"productId\":1,\"quantity\":1}]}",
					user.authWith("Idempotency-Key", control))
			.assertProblem(400);
		raw().send("GET", "/api/v1/users/me", (byte[]) null, "Authorization", "Bearer " + control).assertProblem(400);
		assertThat(output).doesNotContain("Unexpected error", "RequestRejectedException");
	}

	/** Names are shown to others: nothing invisible, nothing that turns text around. */
	@Test
	void namesThatShowNothingOrReverseTextAreUnprocessable() {
		JsonNode problem = this.api
			.post("/api/v1/auth/register",
					Map.of("email", "rtl-" + System.nanoTime() + "@example.com", "password", Api.PASSWORD,
							"displayName", "\u202Eevil"))
			.assertProblem(422, "validation-failed");
		assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("displayName");

		Session user = this.api.newUser();
		for (String name : new String[] { "\u200B", "a\u0007b" }) {
			this.api.patch("/api/v1/users/" + user.id(), Map.of("displayName", name), user.auth())
				.assertProblem(422, "validation-failed");
		}
		assertThat(this.api.get("/api/v1/users/me", user.auth()).json().get("displayName").asString())
			.isEqualTo("Test User");
	}

	@Test
	void errorPageIsNoResource() {
		this.api.get("/error").assertProblem(404, "not-found");
		this.api.post("/error", "{}").assertProblem(404, "not-found");
	}

	@Test
	void unpairedSurrogatesAreBadRequestAndNeverHashedOrStored(CapturedOutput output) {
		Session user = this.api.newUser();
		String lone = "\\ud800";
		raw()
			.send("POST", "/api/v1/auth/login",
					"{\"email\":\"" + user.email() + "\",\"password\":\"abc" + lone + "defgh\"}")
			.assertProblem(400);
		raw()
			.send("POST", "/api/v1/auth/register",
					"{\"email\":\"s-" + user.id() + "@test.local\",\"password\":\"abc" + lone
							+ "defgh\",\"displayName\":\"S\"}")
			.assertProblem(400);
		raw().send("PATCH", "/api/v1/users/" + user.id(),
				"{\"password\":\"new" + lone + "password\",\"currentPassword\":\"" + Api.PASSWORD + "\"}", user.auth())
			.assertProblem(400);
		raw()
			.send("POST", "/api/v1/posts", "{\"title\":\"t" + lone + "x\",\"body\":\"b\",\"status\":\"DRAFT\"}",
					user.auth())
			.assertProblem(400);
		raw()
			.send("POST", "/api/v1/posts", "{\"title\":\"t\",\"body\":\"low \\udc00 alone\",\"status\":\"DRAFT\"}",
					user.auth())
			.assertProblem(400);

		assertThat(this.api.get("/api/v1/users/" + user.id() + "/posts", user.auth()).ids()).isEmpty();
		assertThat(this.api.login(user.email(), Api.PASSWORD).accessToken()).isNotBlank();
		assertThat(output).doesNotContain("Unexpected error", "invalid UTF-16");
	}

	@Test
	void pairedSurrogatesAreStoredAndEchoedExactly() {
		Session user = this.api.newUser();
		Response created = this.api.post("/api/v1/posts",
				Map.of("title", "Emoji \uD83D\uDE00 ok", "body", "b", "status", "DRAFT"), user.auth());

		assertThat(created.status()).isEqualTo(201);
		assertThat(this.api.get("/api/v1/posts/" + created.json().get("id").asLong(), user.auth())
			.json()
			.get("title")
			.asString()).isEqualTo("Emoji \uD83D\uDE00 ok");
	}

	@Test
	void fractionalOrOutOfRangeNumbersAreUnprocessable() {
		Session user = this.api.newUser();
		JsonNode fraction = this.api
			.post("/api/v1/orders", "{\"items\":[{\"productId\":1,\"quantity\":1.9}]}", user.auth())
			.assertProblem(422, "validation-failed");
		assertThat(fraction.get("errors").get(0).get("field").asString()).isEqualTo("items[0].quantity");
		this.api.post("/api/v1/orders", "{\"items\":[{\"productId\":1,\"quantity\":3000000000}]}", user.auth())
			.assertProblem(422, "validation-failed");
		this.api.post("/api/v1/orders", "{\"items\":[{\"productId\":1.5,\"quantity\":1}]}", user.auth())
			.assertProblem(422, "validation-failed");
		this.api.post("/api/v1/orders", "{\"items\":[{\"productId\":1,\"quantity\":1e400}]}", user.auth())
			.assertProblem(422, "validation-failed");
		assertThat(this.api.get("/api/v1/orders", user.auth()).ids()).isEmpty();
	}

	@Test
	void nonNumericIdIsBadRequest() {
		Session user = this.api.newUser();
		this.api.get("/api/v1/users/abc", user.auth()).assertProblem(400, "malformed-request");
		this.api.get("/api/v1/posts/abc").assertProblem(400, "malformed-request");
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
