package com.example.backend.ratelimit;

import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;

import com.example.backend.BackendApplication;
import com.example.backend.support.Api;
import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;
import com.example.backend.support.TestPostgres;
import com.example.backend.support.TestRedis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-client API limit, in a context of its own with a small capacity: per user when
 * authenticated, per address otherwise, with limit headers, 429 + Retry-After, and one
 * budget across instances (a second instance shares the Redis buckets). The test client
 * stands in for a trusted proxy (127.0.0.1), so that clients behind it can be told apart.
 */
@TestPropertySource(properties = { "app.rate-limit.api.capacity=" + ApiRateLimitIT.CAPACITY,
		"app.rate-limit.api.window=1h", "app.trusted-proxies=127.0.0.1/32" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiRateLimitIT extends IntegrationTest {

	static final int CAPACITY = 30;

	@Test
	@Order(1)
	void eachUserHasABudgetOfTheirOwnAcrossInstances() {
		Session alice = this.api.newUser();
		Session bob = this.api.newUser();
		try (ConfigurableApplicationContext second = secondInstance()) {
			Api secondApi = new Api(second.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
			Response first = this.api.get("/api/v1/users/me", alice.auth());
			assertThat(first.status()).isEqualTo(200);
			assertThat(first.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(CAPACITY));
			// Logging in looked up the profile once already.
			long remaining = Long.parseLong(first.header("X-RateLimit-Remaining"));
			assertThat(remaining).isBetween(CAPACITY - 3L, CAPACITY - 1L);

			// Half of what is left on each instance: together they spend it.
			for (int i = 0; i < remaining; i++) {
				Api instance = (i % 2 == 0) ? this.api : secondApi;
				assertThat(instance.get("/api/v1/users/me", alice.auth()).status()).isEqualTo(200);
			}
			for (Api instance : List.of(this.api, secondApi)) {
				Response refused = instance.get("/api/v1/users/me", alice.auth());
				refused.assertProblem(429, "too-many-requests");
				assertThat(refused.header("Retry-After")).isNotBlank();
				assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
			}
			// Another user, from the same address, is not affected.
			assertThat(secondApi.get("/api/v1/users/me", bob.auth()).status()).isEqualTo(200);
		}
	}

	@Test
	@Order(2)
	void anonymousClientsAreLimitedPerAddress() {
		// Runs last: the budget of 127.0.0.1 is shared with the registrations and logins
		// of the other test, so spend what is left of it.
		Response response = this.api.get("/api/v1/ping");
		int requests = 0;
		while (response.status() == 200 && requests++ < CAPACITY) {
			assertThat(Long.parseLong(response.header("X-RateLimit-Remaining"))).isLessThan(CAPACITY);
			response = this.api.get("/api/v1/ping");
		}
		response.assertProblem(429, "too-many-requests");
		assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
	}

	@Test
	@Order(3)
	void clientsBehindATrustedProxyHaveBudgetsOfTheirOwn() {
		// The proxy's own budget is spent (previous test); the clients it forwards are
		// not.
		this.api.get("/api/v1/ping").assertProblem(429, "too-many-requests");
		Response forwarded = this.api.get("/api/v1/ping", "X-Forwarded-For", "203.0.113.7");
		assertThat(forwarded.status()).isEqualTo(200);
		assertThat(forwarded.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(CAPACITY - 1));
	}

	private static ConfigurableApplicationContext secondInstance() {
		TestPostgres.Connection postgres = TestPostgres.get();
		TestRedis.Connection redis = TestRedis.get();
		return new SpringApplicationBuilder(BackendApplication.class).run("--server.port=0",
				"--app.dev-database.enabled=false", "--app.demo-data.enabled=false",
				"--spring.datasource.url=" + postgres.url(), "--spring.datasource.username=" + postgres.username(),
				"--spring.datasource.password=" + postgres.password(), "--spring.data.redis.host=" + redis.host(),
				"--spring.data.redis.port=" + redis.port(), "--app.redis.key-prefix=" + redis.keyPrefix(),
				"--app.jwt.secret=" + JWT_SECRET, "--app.rate-limit.api.capacity=" + CAPACITY,
				"--app.rate-limit.api.window=1h", "--spring.flyway.enabled=false");
	}

}
