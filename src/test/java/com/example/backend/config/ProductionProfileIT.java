package com.example.backend.config;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.backend.support.Api;
import com.example.backend.support.Api.Response;
import com.example.backend.support.IntegrationTest;
import com.example.backend.support.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code prod} profile as deployed, behind nothing the service was told to trust: a
 * client that writes its own {@code X-Forwarded-For} gets no fresh budget from it, and
 * one address cannot try a password on many accounts. No demo accounts either.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// The settings check is ProductionStartupTest's subject; here the database comes
		// from the test, after that check would have run.
		properties = { "app.production-checks.enabled=false", "app.jwt.secret=" + IntegrationTest.JWT_SECRET,
				"management.server.port=0", "app.auth.login-throttle.per-client.max-attempts=11" })
@ActiveProfiles("prod")
class ProductionProfileIT {

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
	}

	/**
	 * One method, because every step takes from this address's budget of 11: a demo
	 * login, 5 guesses on one account with a new X-Forwarded-For each (the sixth is
	 * refused by the account limit before it reaches the address budget), then 5 other
	 * accounts.
	 */
	@Test
	void forwardedForIsIgnoredAndOneAddressCannotSprayAccounts() {
		Api api = new Api(this.port);
		api.post("/api/v1/auth/login", Map.of("email", "mia@example.com", "password", "demo-password"),
				"X-Forwarded-For", "198.51.100.1")
			.assertProblem(401, "invalid-credentials");
		String email = "victim-" + UUID.randomUUID() + "@test.local";
		assertThat(api
			.post("/api/v1/auth/register", Map.of("email", email, "password", Api.PASSWORD, "displayName", "Victim"))
			.status()).isEqualTo(201);

		for (int i = 1; i <= 5; i++) {
			guess(api, email, "10.0.0." + i).assertProblem(401, "invalid-credentials");
		}
		Response rotated = guess(api, email, "10.0.0.6");
		rotated.assertProblem(429, "too-many-login-attempts");
		assertThat(rotated.json().get("detail").asString()).contains("for this account");

		for (int i = 1; i <= 5; i++) {
			guess(api, "sprayed-" + i + "-" + UUID.randomUUID() + "@test.local", "192.0.2." + i).assertProblem(401,
					"invalid-credentials");
		}
		Response sprayed = guess(api, "sprayed-" + UUID.randomUUID() + "@test.local", "192.0.2.99");
		sprayed.assertProblem(429, "too-many-login-attempts");
		assertThat(sprayed.json().get("detail").asString()).contains("from your address");
		assertThat(Long.parseLong(sprayed.header("Retry-After"))).isPositive();
	}

	/**
	 * The contract is published with the code (and the generated client), not by each
	 * production instance to whoever asks.
	 */
	@Test
	void theApiDocumentIsNotServed() {
		Api api = new Api(this.port);
		assertThat(api.get("/v3/api-docs").status()).isEqualTo(404);
		assertThat(api.get("/swagger-ui.html").status()).isEqualTo(404);
	}

	private static Response guess(Api api, String email, String forwardedFor) {
		return api.post("/api/v1/auth/login", Map.of("email", email, "password", "wrong-guess"), "X-Forwarded-For",
				forwardedFor);
	}

}
