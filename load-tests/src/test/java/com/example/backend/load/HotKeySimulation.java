package com.example.backend.load;

import java.util.Map;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Read-heavy traffic on {@code GET /posts/{id}} with a skewed (Zipf) choice of post: what
 * a cache is for. Run it against {@code app.cache.enabled=true} and {@code false}.
 *
 * <p>
 * Documented load level: {@code -Dusers=100} closed-loop users (no think time) for
 * {@code -Dduration=30} s over {@code -Dposts=1000} posts, Zipf exponent 1.1
 * ({@code -DzipfPercent=110}). Asserts no failed requests beyond 1% and p99 below 500 ms.
 */
public class HotKeySimulation extends Simulation {

	private final int posts = LoadSettings.integer("posts", 1000);

	private final Zipf popularity = new Zipf(this.posts, LoadSettings.integer("zipfPercent", 110) / 100.0);

	private volatile long[] postIds = new long[0];

	private final ScenarioBuilder scenario = scenario("hot-key post reads").during(LoadSettings.duration(30))
		.on(exec(session -> session.set("postId", this.postIds[this.popularity.next()]))
			.exec(http("get post").get("/api/v1/posts/#{postId}").check(status().is(200))));

	{
		setUp(this.scenario.injectOpen(rampUsers(LoadSettings.users(100)).during(LoadSettings.ramp())))
			.protocols(Http.protocol())
			.assertions(LoadSettings.assertions(500));
	}

	/** One author writes the posts that everybody reads. */
	@Override
	public void before() {
		SetUpClient client = new SetUpClient(LoadSettings.baseUrl());
		String token = client.loginUsers("load-hotkey-author", 1).get(0).accessToken();
		long[] ids = new long[this.posts];
		for (int i = 0; i < ids.length; i++) {
			ids[i] = client.create("/api/v1/posts", token, Map.of("title", "Hot-key post " + i, "body",
					"Read with a skewed popularity by the hot-key simulation.", "status", "PUBLISHED"));
		}
		this.postIds = ids;
	}

}
