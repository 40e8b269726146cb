package com.example.backend.web;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.example.backend.support.Api;
import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.CuttableProxy;
import com.example.backend.support.IntegrationTest;
import com.example.backend.support.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away (a proxy in front of it is cut): every kind of request, the
 * token check in the security filter included, answers 503 problem+json with Retry-After
 * and the request id; once the database is back, so is the service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "app.dev-database.enabled=false", "app.jwt.secret=" + IntegrationTest.JWT_SECRET,
				// Fail fast while the database is away;
				// the default waits 3 s per request.
				"spring.datasource.hikari.connection-timeout=500", "spring.datasource.hikari.validation-timeout=250",
				// The database path itself: with the cache on, what it holds (this user's
				// token subject and profile) keeps being served during the outage.
				"app.cache.enabled=false" })
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIT {

	private static final CuttableProxy proxy = proxyToTestDatabase();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres.Connection postgres = TestPostgres.get();
		String database = postgres.url().substring(postgres.url().lastIndexOf('/') + 1);
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database);
		registry.add("spring.datasource.username", postgres::username);
		registry.add("spring.datasource.password", postgres::password);
	}

	@AfterAll
	static void closeProxy() {
		proxy.restore();
	}

	@Test
	void everyRequestAnswersServiceUnavailableWhileTheDatabaseIsDown(CapturedOutput output)
			throws InterruptedException {
		Api api = new Api(this.port);
		Session user = api.newUser();
		proxy.cut();
		try {
			assertUnavailable(api.get("/api/v1/users/me", user.auth()));
			assertUnavailable(api.get("/api/v1/posts"));
			assertUnavailable(api.get("/api/v1/products/1"));
			assertUnavailable(api.post("/api/v1/auth/login", Map.of("email", user.email(), "password", Api.PASSWORD)));
			assertUnavailable(
					api.post("/api/v1/posts", Map.of("title", "t", "body", "b", "status", "DRAFT"), user.auth()));
		}
		finally {
			proxy.restore();
		}
		assertThat(statusOnceTheDatabaseIsBack(api, user)).isEqualTo(200);
		assertThat(output).doesNotContain("Unexpected error", "Servlet.service()");
	}

	/**
	 * The pool reconnects on its own; on a busy machine the first new connection can take
	 * longer than the short test timeout, and meanwhile 503 is the right answer.
	 */
	private static int statusOnceTheDatabaseIsBack(Api api, Session user) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> api.get("/api/v1/users/me", user.auth()).status(), (status) -> status != 503);
	}

	private static void assertUnavailable(Response response) {
		response.assertProblem(503, "service-unavailable");
		assertThat(response.header("Retry-After")).isEqualTo("1");
	}

	private static CuttableProxy proxyToTestDatabase() {
		URI url = URI.create(TestPostgres.get().url().substring("jdbc:".length()));
		return new CuttableProxy(url.getHost(), (url.getPort() > 0) ? url.getPort() : 5432);
	}

}
