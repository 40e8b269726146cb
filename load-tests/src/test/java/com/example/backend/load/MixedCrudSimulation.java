package com.example.backend.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The published FastAPI scenario on our posts: authenticated users doing 75% reads, 20%
 * writes and 5% deletes, each with its own login (made in {@link #before()}), refreshing
 * its access token when it is about to expire.
 *
 * <p>
 * Documented load level: {@code -Dusers=100} (up to 500) for {@code -Dduration=60}
 * seconds, each user thinking 1-5 s between requests ({@code -DthinkMinMs},
 * {@code -DthinkMaxMs}; Locust's usual {@code between(1, 5)}, 0 for a closed loop).
 * Asserts at most 1% failed requests and p99 below 500 ms ({@code -Dp99Ms}).
 */
public class MixedCrudSimulation extends Simulation {

	private final int users = LoadSettings.users(100);

	private final SessionFeeder sessions = new SessionFeeder();

	private final ChainBuilder listPosts = exec(http("list posts").get("/api/v1/posts")
		.queryParam("page", session -> ThreadLocalRandom.current().nextInt(5))
		.queryParam("size", 20)
		.check(status().is(200), jsonPath("$.content[*].id").findRandom().optional().saveAs("postId")));

	// Someone else may have deleted the post since
	// it was listed: 404 is a correct answer.
	private final ChainBuilder readPost = doIfOrElse(session -> session.contains("postId"))
		.then(exec(http("get post").get("/api/v1/posts/#{postId}").check(status().in(200, 404))))
		.orElse(this.listPosts);

	private final ChainBuilder createPost = exec(http("create post").post("/api/v1/posts")
		.header("Authorization", Auth.BEARER)
		.body(StringBody(session -> "{\"title\":\"Load test " + ThreadLocalRandom.current().nextInt(1_000_000)
				+ "\",\"body\":\"Written by the mixed CRUD simulation.\",\"status\":\"PUBLISHED\"}"))
		.check(status().is(201), jmesPath("id").ofLong().saveAs("createdId")))
		.exec(session -> session.set("myPosts", with(myPosts(session), session.getLong("createdId"))));

	private final ChainBuilder deleteOwnPost = doIf(session -> !myPosts(session).isEmpty()).then(exec(session -> {
		List<Long> mine = myPosts(session);
		return session.set("deleteId", mine.get(mine.size() - 1)).set("myPosts", mine.subList(0, mine.size() - 1));
	}).exec(http("delete post").delete("/api/v1/posts/#{deleteId}")
		.header("Authorization", Auth.BEARER)
		.check(status().is(204))));

	private final ScenarioBuilder scenario = scenario("mixed CRUD on posts").feed(this.sessions)
		.exec(session -> session.set("myPosts", List.of()))
		.during(LoadSettings.duration(60))
		.on(exec(Auth.refreshWhenExpiring()).randomSwitch()
			.on(percent(35.0).then(this.listPosts), percent(40.0).then(this.readPost),
					percent(20.0).then(this.createPost), percent(5.0).then(this.deleteOwnPost))
			.exec(think()));

	{
		setUp(this.scenario.injectOpen(rampUsers(this.users).during(LoadSettings.ramp()))).protocols(Http.protocol())
			.assertions(LoadSettings.assertions(500));
	}

	@Override
	public void before() {
		this.sessions.addAll(new SetUpClient(LoadSettings.baseUrl()).loginUsers("load-crud", this.users));
	}

	private static ChainBuilder think() {
		int min = LoadSettings.integer("thinkMinMs", 1000);
		int max = LoadSettings.integer("thinkMaxMs", 5000);
		return (max <= 0) ? exec(session -> session) : pause(Duration.ofMillis(min), Duration.ofMillis(max));
	}

	private static List<Long> myPosts(Session session) {
		return session.getList("myPosts");
	}

	private static List<Long> with(List<Long> list, long id) {
		List<Long> copy = new ArrayList<>(list);
		copy.add(id);
		return copy;
	}

}
