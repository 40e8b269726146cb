package com.example.backend.load;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Closed-loop users calling an endpoint that waits W ms for a "slow downstream service"
 * without touching the database ({@code GET /api/v1/experiment/wait}, experiment jar,
 * profile {@code slow-endpoints}). With T request threads the service can answer at most
 * T / W requests per second (Little's law), however idle the CPU is.
 *
 * <p>
 * Documented load level: {@code -Dusers=200}, {@code -DwaitMs=50}, {@code -Dduration=30}
 * s against the default 200 threads; at most 1% failed requests, p99 below 500 ms.
 */
public class BlockingDependencySimulation extends Simulation {

	private final ScenarioBuilder scenario = scenario("blocking dependency").during(LoadSettings.duration(30))
		.on(http("wait").get("/api/v1/experiment/wait?ms=" + LoadSettings.integer("waitMs", 50))
			.check(status().is(200)));

	{
		setUp(this.scenario.injectOpen(rampUsers(LoadSettings.users(200)).during(LoadSettings.ramp())))
			.protocols(Http.protocol())
			.assertions(LoadSettings.assertions(500));
	}

}
