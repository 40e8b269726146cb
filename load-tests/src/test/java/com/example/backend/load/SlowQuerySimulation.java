package com.example.backend.load;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Closed-loop users calling an endpoint whose query holds a pooled connection for W ms
 * ({@code GET /api/v1/experiment/slow-query}, {@code SELECT pg_sleep}; experiment jar,
 * profile {@code slow-endpoints}). With P connections in the pool the service answers at
 * most P / W requests per second, however many threads wait for a connection.
 *
 * <p>
 * Documented load level: {@code -Dusers=100}, {@code -DqueryMs=20}, {@code -Dduration=30}
 * s against the default pool of 10; at most 1% failed requests, p99 below 1,000 ms.
 */
public class SlowQuerySimulation extends Simulation {

	private final ScenarioBuilder scenario = scenario("slow query").during(LoadSettings.duration(30))
		.on(http("slow query").get("/api/v1/experiment/slow-query?ms=" + LoadSettings.integer("queryMs", 20))
			.check(status().is(200)));

	{
		setUp(this.scenario.injectOpen(rampUsers(LoadSettings.users(100)).during(LoadSettings.ramp())))
			.protocols(Http.protocol())
			.assertions(LoadSettings.assertions(1000));
	}

}
