package com.example.backend.ratelimit;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

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
 * stands in for a trusted proxy (127.0.0.1), so that clients behind it can be told apart:
 * each test sends from addresses of its own, so that no test spends another's budget,
 * whatever the order.
 */
@TestPropertySource(properties = { "app.rate-limit.api.capacity=" + ApiRateLimitIT.CAPACITY,
		"app.rate-limit.api.window=" + ApiRateLimitIT.WINDOW, "app.trusted-proxies=127.0.0.1/32" })
class ApiRateLimitIT extends IntegrationTest {

	static final int CAPACITY = 30;

	/** Long enough that no token comes back while a test runs (one each 48 minutes). */
	static final String WINDOW = "1d";

	/** Documentation addresses (RFC 5737), a fresh one for each client of each test. */
	private static final AtomicInteger lastAddress = new AtomicInteger();

	@Test
	void eachUserHasABudgetOfTheirOwnAcrossInstances() {
		Api client = this.api.forwardedFor(newAddress());
		Session alice = client.newUser();
		Session bob = client.newUser();
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
	void anonymousClientsAreLimitedPerAddress() {
		Api client = this.api.forwardedFor(newAddress());
		for (int spent = 1; spent <= CAPACITY; spent++) {
			Response response = client.get("/api/v1/ping");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(CAPACITY - spent));
		}

		Response refused = client.get("/api/v1/ping");

		refused.assertProblem(429, "too-many-requests");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
		// Another address is not affected.
		assertThat(this.api.forwardedFor(newAddress()).get("/api/v1/ping").status()).isEqualTo(200);
	}

	@Test
	void clientsBehindATrustedProxyHaveBudgetsOfTheirOwn() {
		// The proxy's own requests (no X-Forwarded-For)
		// spend its budget; only this test sends any.
		Response proxy = this.api.get("/api/v1/ping");
		for (int requests = 1; proxy.status() == 200 && requests <= CAPACITY; requests++) {
			proxy = this.api.get("/api/v1/ping");
		}
		proxy.assertProblem(429, "too-many-requests");

		Response forwarded = this.api.forwardedFor(newAddress()).get("/api/v1/ping");

		assertThat(forwarded.status()).isEqualTo(200);
		assertThat(forwarded.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(CAPACITY - 1));
	}

	private static String newAddress() {
		int n = lastAddress.incrementAndGet();
		assertThat(n).as("addresses left in 198.51.100.0/24").isLessThan(255);
		return "198.51.100." + n;
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
				"--app.rate-limit.api.window=" + WINDOW, "--spring.flyway.enabled=false");
	}

}
