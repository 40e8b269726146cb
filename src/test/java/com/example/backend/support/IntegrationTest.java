package com.example.backend.support;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the end-to-end tests: the whole application on a random port, real HTTP, real
 * PostgreSQL ({@link TestPostgres}) and real Redis ({@link TestRedis}: the cache and the
 * rate limits go through it, as in production). All subclasses share one application
 * context and one database, so each test creates its own users ({@link Api#newUser})
 * instead of relying on a clean slate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "app.dev-database.enabled=false", "spring.jpa.properties.hibernate.generate_statistics=true",
				// The tests register hundreds of users from one address.
				"app.auth.registration-throttle.max-attempts=1000000",
				// ... and thousands of requests (ApiRateLimitIT tests the limit).
				"app.rate-limit.api.capacity=1000000",
				// Exact counts of cache hits and loads: short Redis timeouts
				// would fail open on a busy machine (RedisOutageIT tests them),
				// and a reader that stops waiting for the one loader of a key
				// loads it again (CacheAsideIT holds its loaders until all
				// readers are waiting, for as long as a busy machine takes).
				"spring.data.redis.timeout=2s", "app.cache.load-wait=2m",
				"app.auth.login-throttle.per-client.max-attempts=1000000",
				"app.auth.login-throttle.per-account.max-attempts=1000000",
				// ... and place many unpaid orders (OrderLimitsIT tests the cap).
				"app.orders.max-pending-per-user=1000000", "app.auth.login-throttle.global.max-attempts=1000000",
				"app.jwt.secret=" + IntegrationTest.JWT_SECRET,
				"app.bootstrap-admin.email=" + IntegrationTest.ADMIN_EMAIL,
				"app.bootstrap-admin.password=" + IntegrationTest.ADMIN_PASSWORD })
public abstract class IntegrationTest {

	/** Known to the tests so that they can forge tokens; 48 random bytes, base64. */
	public static final String JWT_SECRET = "FzAzeKOIubTzDSZX9DQ61AOkTctaGGRt5TtIa6pwOOtyn7/MR1TukqPp+ZhvxSBv";

	public static final String ADMIN_EMAIL = "root-admin@test.local";

	public static final String ADMIN_PASSWORD = "admin-password-for-tests";

	@LocalServerPort
	protected int port;

	protected Api api;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres.register(registry);
		TestRedis.Connection redis = TestRedis.get();
		registry.add("spring.data.redis.host", redis::host);
		registry.add("spring.data.redis.port", redis::port);
		registry.add("app.redis.key-prefix", redis::keyPrefix);
	}

	@BeforeEach
	protected void createClient() {
		this.api = new Api(this.port);
	}

	/** For requests that the JDK's client refuses to send (malformed on purpose). */
	protected RawHttp raw() {
		return new RawHttp(this.port);
	}

	protected Api.Session admin() {
		return this.api.login(ADMIN_EMAIL, ADMIN_PASSWORD);
	}

}
