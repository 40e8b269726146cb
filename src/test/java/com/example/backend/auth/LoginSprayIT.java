package com.example.backend.auth;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import com.example.backend.support.Api;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One account's password guessed from many addresses: each address stays within its own
 * budgets, the account's budget across all of them runs out. The test's requests come
 * through a trusted proxy (the loopback), which names a different client each time.
 */
@TestPropertySource(properties = { "app.trusted-proxies=127.0.0.1/32",
		"app.auth.login-throttle.per-account.max-attempts=" + LoginSprayIT.PER_ACCOUNT })
class LoginSprayIT extends IntegrationTest {

	static final int PER_ACCOUNT = 6;

	@Test
	void guessesFromManyAddressesShareOneBudgetPerAccount() {
		Session victim = this.api.newUser();
		// newUser's own login took one attempt of the account's budget.
		for (int address = 1; address < PER_ACCOUNT; address++) {
			assertThat(login(victim.email(), "wrong-password", "203.0.113." + address).status()).isEqualTo(401);
		}

		login(victim.email(), Api.PASSWORD, "198.51.100.7").assertProblem(429, "too-many-login-attempts");
		// The same spelling trick does not buy a fresh budget.
		login(" " + victim.email().toUpperCase(), Api.PASSWORD, "198.51.100.8").assertProblem(429,
				"too-many-login-attempts");
		// Other accounts are untouched.
		Session other = this.api.newUser();
		assertThat(login(other.email(), Api.PASSWORD, "198.51.100.7").status()).isEqualTo(200);
	}

	private Api.Response login(String email, String password, String forwardedFor) {
		return this.api.post("/api/v1/auth/login", Map.of("email", email, "password", password), "X-Forwarded-For",
				forwardedFor);
	}

}
