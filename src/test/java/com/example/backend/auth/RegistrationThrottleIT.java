package com.example.backend.auth;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import com.example.backend.support.Api;
import com.example.backend.support.Api.Response;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = "app.auth.registration-throttle.max-attempts=3")
class RegistrationThrottleIT extends IntegrationTest {

	@Test
	void registrationsPerAddressAreLimited() {
		for (int registration = 0; registration < 3; registration++) {
			assertThat(register().status()).isEqualTo(201);
		}
		Response throttled = register();

		throttled.assertProblem(429, "too-many-registrations");
		assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 3600L);
	}

	private Response register() {
		return this.api.post("/api/v1/auth/register", Map.of("email", "reg-" + UUID.randomUUID() + "@test.local",
				"password", Api.PASSWORD, "displayName", "R"));
	}

}
