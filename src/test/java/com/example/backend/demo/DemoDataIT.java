package com.example.backend.demo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.backend.support.IntegrationTest;

/**
 * The demo accounts have published passwords (a MODERATOR among them): on any database
 * but the embedded development one they must not exist unless asked for. The tests run on
 * an external database without setting {@code app.demo-data.enabled}.
 */
class DemoDataIT extends IntegrationTest {

	@Test
	void noDemoAccountsOnAnExternalDatabase() {
		for (String email : new String[] { "mia@example.com", "alice@example.com", "bob@example.com" }) {
			this.api.post("/api/v1/auth/login", Map.of("email", email, "password", DemoData.PASSWORD))
				.assertProblem(401, "invalid-credentials");
		}
	}

}
