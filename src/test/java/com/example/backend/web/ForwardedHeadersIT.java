package com.example.backend.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import com.example.backend.support.Api;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Kubernetes Spring Boot would let Tomcat believe {@code X-Forwarded-For} from every
 * private or loopback peer; with no trusted proxy configured the header must change
 * nothing, on every platform.
 */
@TestPropertySource(properties = "spring.main.cloud-platform=kubernetes")
class ForwardedHeadersIT extends IntegrationTest {

	@Test
	void aRotatedForwardedForHeaderGetsNoFreshLoginBudget() {
		Session user = this.api.newUser();
		for (int attempt = 1; attempt <= 5; attempt++) {
			assertThat(login(user.email(), "wrong-password", "203.0.113." + attempt).status()).isEqualTo(401);
		}
		Api.Response sixth = login(user.email(), Api.PASSWORD, "198.51.100.99");
		sixth.assertProblem(429, "too-many-login-attempts");
	}

	private Api.Response login(String email, String password, String forwardedFor) {
		return this.api.post("/api/v1/auth/login", Map.of("email", email, "password", password), "X-Forwarded-For",
				forwardedFor);
	}

}
