package com.example.backend.experiment;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.example.backend.support.Api.Response;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The experiment endpoints behind the load tests' Little's-law checks. What they cost in
 * time is measured by {@code load-tests/lab/sweep.sh}, not here.
 */
@ActiveProfiles(SlowEndpointController.PROFILE)
class SlowEndpointsIT extends IntegrationTest {

	@Autowired
	private JdbcClient jdbc;

	@Test
	void waitsWithoutAToken() {
		Response response = this.api.get("/api/v1/experiment/wait?ms=5");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("waitedMs").asInt()).isEqualTo(5);
		assertThat(response.json().get("heldConnection").asBoolean()).isFalse();
	}

	@Test
	void rejectsWaitsOutOfRange() {
		assertThat(this.api.get("/api/v1/experiment/wait?ms=-1").status()).isEqualTo(422);
		assertThat(this.api.get("/api/v1/experiment/slow-query?ms=10001").status()).isEqualTo(422);
		assertThat(this.api.get("/api/v1/experiment/wait?ms=soon").status()).isEqualTo(400);
	}

	@Test
	void holdsADatabaseConnectionForTheWholeSlowQuery() {
		CompletableFuture<Response> slow = CompletableFuture
			.supplyAsync(() -> this.api.get("/api/v1/experiment/slow-query?ms=1500"));

		awaitSleepingBackend();
		Response response = slow.join();
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("heldConnection").asBoolean()).isTrue();
	}

	@Test
	void otherApiRulesStayInForce() {
		assertThat(this.api.get("/api/v1/users/me").status()).isEqualTo(401);
	}

	private void awaitSleepingBackend() {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.alias("a backend running pg_sleep while the request is in flight")
			.until(() -> this.jdbc.sql(
					"select count(*) from pg_stat_activity where state = 'active' and query like 'select 1 from pg_sleep%'")
				.query(Long.class)
				.single(), (sleeping) -> sleeping > 0);
	}

}
