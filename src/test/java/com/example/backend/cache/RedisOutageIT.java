package com.example.backend.cache;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.backend.redis.SharedRedis;
import com.example.backend.support.Api;
import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.Fixtures;
import com.example.backend.support.IntegrationTest;
import com.example.backend.support.RedisProcess;
import com.example.backend.support.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis killed or hung mid-run, with a {@code redis-server} of this test's own: requests
 * keep succeeding from PostgreSQL, rate limits keep counting (locally), readiness stays
 * UP, and when Redis is back the cache is used again without ever serving an entry that a
 * write during the outage could not evict.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "app.dev-database.enabled=false", "app.auth.registration-throttle.max-attempts=1000000",
				"app.rate-limit.api.capacity=1000000", "app.jwt.secret=" + IntegrationTest.JWT_SECRET,
				"app.bootstrap-admin.email=" + IntegrationTest.ADMIN_EMAIL,
				"app.bootstrap-admin.password=" + IntegrationTest.ADMIN_PASSWORD,
				// A quick breaker, so that the test sees it open and close again.
				"app.redis.circuit-breaker.minimum-calls=4", "app.redis.circuit-breaker.window=8",
				"app.redis.circuit-breaker.open-for=500ms" })
class RedisOutageIT {

	private static final RedisProcess redis = new RedisProcess();

	/**
	 * Ample for the breaker to open or Redis to be read again, even on a busy machine.
	 */
	private static final Duration RECOVERY = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private SharedRedis sharedRedis;

	private Api api;

	private Session author;

	private long postId;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", redis::port);
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@BeforeEach
	void publishAPost() {
		this.api = new Api(this.port);
		this.author = this.api.newUser();
		Session admin = this.api.login(IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
		this.postId = new Fixtures(this.api, admin).post(this.author, "PUBLISHED").get("id").asLong();
	}

	@AfterEach
	void redisIsBack() {
		redis.resume();
		if (!redis.isUp()) {
			redis.start();
		}
	}

	@Test
	void requestsKeepSucceedingWhileRedisIsDownAndHitsResumeWhenItIsBack() {
		readPost();
		double hits = hits();
		readPost();
		assertThat(hits()).as("second read is a hit").isEqualTo(hits + 1);

		redis.kill();
		double errors = errors();
		for (int i = 0; i < 20; i++) {
			assertThat(readPost().status()).isEqualTo(200);
			assertThat(this.api.get("/api/v1/users/me", this.author.auth()).status()).isEqualTo(200);
		}
		assertThat(errors()).isGreaterThan(errors);
		assertThat(this.sharedRedis.breakerState()).isIn("OPEN", "HALF_OPEN");
		assertThat(this.api.get("/actuator/health/readiness").body()).contains("\"UP\"");
		assertThat(this.api.get("/actuator/health").status()).isEqualTo(200);

		redis.start();
		double hitsBefore = hits();
		await().atMost(RECOVERY).until(() -> {
			readPost();
			return hits() > hitsBefore;
		});
	}

	@Test
	void aWriteDuringAnOutageIsNotHiddenByTheEntryItCouldNotEvict() {
		long version = readPost().json().get("version").asLong();
		readPost();

		redis.pause();
		// A hung Redis: each call ends at the command timeout until the breaker opens.
		await().atMost(RECOVERY).until(() -> {
			readPost();
			return "OPEN".equals(this.sharedRedis.breakerState());
		});
		Response updated = this.api.put("/api/v1/posts/" + this.postId,
				Map.of("title", "Written during the outage", "body", "b", "status", "PUBLISHED", "version", version),
				this.author.auth());
		assertThat(updated.status()).isEqualTo(200);
		assertThat(readPost().json().get("title").asString()).isEqualTo("Written during the outage");

		redis.resume();
		// The old entry is still in Redis; it must never be served.
		double hitsBefore = hits();
		await().atMost(RECOVERY).until(() -> {
			assertThat(readPost().json().get("title").asString()).isEqualTo("Written during the outage");
			return hits() > hitsBefore;
		});
	}

	@Test
	void loginLimitsStillHoldWhileRedisIsDown() {
		redis.kill();
		for (int attempt = 0; attempt < 5; attempt++) {
			assertThat(this.api
				.post("/api/v1/auth/login", Map.of("email", this.author.email(), "password", "wrong-password-1"))
				.status()).isEqualTo(401);
		}
		Response refused = this.api.post("/api/v1/auth/login",
				Map.of("email", this.author.email(), "password", "wrong-password-1"));
		refused.assertProblem(429, "too-many-login-attempts");
		assertThat(refused.header("Retry-After")).isNotBlank();
	}

	private Response readPost() {
		Response response = this.api.get("/api/v1/posts/" + this.postId);
		assertThat(response.status()).isEqualTo(200);
		return response;
	}

	private double hits() {
		return this.meters.get("cache.gets").tag("cache", "post").tag("result", "hit").counter().count();
	}

	private double errors() {
		return this.meters.get("cache.errors").tag("cache", "post").counter().count();
	}

}
