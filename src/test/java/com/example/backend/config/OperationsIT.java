package com.example.backend.config;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Health probes, metrics access, the OpenAPI document and CORS. */
class OperationsIT extends IntegrationTest {

	@Test
	void probesAreUpAndPublic() {
		for (String probe : new String[] { "/actuator/health", "/actuator/health/liveness",
				"/actuator/health/readiness", "/livez", "/readyz" }) {
			Response response = this.api.get(probe);
			assertThat(response.status()).as(probe).isEqualTo(200);
			assertThat(response.json().get("status").asString()).isEqualTo("UP");
		}
	}

	@Test
	void metricsAreForAdminsOnly() {
		this.api.get("/actuator/prometheus").assertProblem(401, "unauthorized");
		this.api.get("/actuator/prometheus", this.api.newUser().auth()).assertProblem(403, "forbidden");
		Response metrics = this.api.get("/actuator/prometheus", admin().auth());
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("hikaricp_connections_max");
	}

	/**
	 * Spring Security's observations are off (auth/SecurityConfiguration says why): after
	 * requests through the filter chain and a method-security check, no meter of theirs.
	 */
	@Test
	void springSecurityIsNotObserved() {
		Session admin = admin();
		assertThat(this.api.get("/api/v1/users?q=a", admin.auth()).status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/users/" + admin.id(), admin.auth()).status()).isEqualTo(200);

		String metrics = this.api.get("/actuator/prometheus", admin.auth()).body();

		assertThat(metrics).contains("http_server_requests_seconds").doesNotContain("spring_security_");
	}

	@Test
	void theSoftwareBillOfMaterialsIsServedToAdmins() {
		this.api.get("/actuator/sbom/application").assertProblem(401, "unauthorized");
		this.api.get("/actuator/sbom", this.api.newUser().auth()).assertProblem(403, "forbidden");
		Response ids = this.api.get("/actuator/sbom", admin().auth());
		assertThat(ids.status()).isEqualTo(200);
		assertThat(ids.json().get("ids").toString()).contains("\"application\"");

		Response sbom = this.api.get("/actuator/sbom/application", admin().auth());
		assertThat(sbom.status()).isEqualTo(200);
		assertThat(sbom.json().get("bomFormat").asString()).isEqualTo("CycloneDX");
		assertThat(sbom.json().get("components").findValuesAsString("name")).contains("spring-boot", "jjwt-api",
				"postgresql");
	}

	@Test
	void otherActuatorEndpointsAreClosed() {
		Session admin = admin();
		assertThat(this.api.get("/actuator/env", admin.auth()).status()).isIn(403, 404);
		assertThat(this.api.get("/actuator/beans").status()).isIn(401, 403, 404);
	}

	@Test
	void openApiDocumentDescribesTheContract() {
		JsonNode doc = this.api.get("/v3/api-docs").json();

		assertThat(doc.get("openapi").asString()).startsWith("3.1");
		assertThat(doc.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
		assertThat(doc.get("paths").propertyNames()).contains("/api/v1/auth/register", "/api/v1/auth/login",
				"/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/users/me", "/api/v1/users",
				"/api/v1/users/{id}", "/api/v1/users/{id}/role");
		JsonNode login = doc.at("/paths/~1api~1v1~1auth~1login/post");
		assertThat(login.get("security").size()).isZero();
		// A problem answer shared by many operations is written once, in components.
		String validationFailed = login.at("/responses/422/$ref").asString();
		assertThat(validationFailed).isEqualTo("#/components/responses/validation-failed");
		assertThat(doc.at(validationFailed.substring(1) + "/content").has("application/problem+json")).isTrue();
		JsonNode changeRole = doc.at("/paths/~1api~1v1~1users~1{id}~1role/put/responses");
		assertThat(changeRole.propertyNames()).contains("401", "403", "404", "422");
	}

	@Test
	void swaggerUiIsServed() {
		Response response = this.api.get("/swagger-ui/index.html");
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void corsAllowsListedOriginsOnly() {
		Response allowed = this.api.send("OPTIONS", "/api/v1/auth/login", null, "Origin", "http://localhost:3000",
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
		Response denied = this.api.send("OPTIONS", "/api/v1/auth/login", null, "Origin", "https://evil.example",
				"Access-Control-Request-Method", "POST");

		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
		assertThat(denied.status()).isEqualTo(403);
		assertThat(denied.header("Access-Control-Allow-Origin")).isNull();
	}

	@Test
	void securityHeadersAreSet() {
		Response response = this.api.post("/api/v1/auth/login", Map.of("email", "x@test.local", "password", "y"));

		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("Cache-Control")).contains("no-store");
	}

}
