package com.example.backend.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Checkout: browse the catalogue, order one to three products with an
 * {@code Idempotency-Key}, read the order back. One order in ten is sent twice with the
 * same key, as a client retrying after a lost answer would, and must come back as the
 * same order ({@code Idempotent-Replayed: true}).
 *
 * <p>
 * The products (with a stock that cannot run out) are created in {@link #before()} by the
 * admin given as {@code -DadminEmail} / {@code -DadminPassword}. Documented load level:
 * {@code -Dusers=100} closed-loop users for {@code -Dduration=30} s; at most 1% failed
 * requests, p99 below 1,000 ms.
 */
public class CheckoutSimulation extends Simulation {

	private static final int PRODUCTS = 20;

	private final int users = LoadSettings.users(100);

	private final SessionFeeder sessions = new SessionFeeder();

	private final ChainBuilder browse = exec(http("list products").get("/api/v1/products?size=" + PRODUCTS)
		.check(status().is(200), jsonPath("$.content[*].id").ofLong().findAll().saveAs("productIds")))
		.exec(http("get product").get(session -> "/api/v1/products/" + pick(session, 1).get(0))
			.check(status().is(200)));

	// A failed order (503 under overload) leaves no id: the retry and the read-back only
	// follow a created order.
	private final ChainBuilder order = exec(session -> session.remove("orderId")
		.set("orderKey", UUID.randomUUID().toString())
		.set("orderBody", orderBody(pick(session, 1 + ThreadLocalRandom.current().nextInt(3)))))
		.exec(http("create order").post("/api/v1/orders")
			.header("Authorization", Auth.BEARER)
			.header("Idempotency-Key", "#{orderKey}")
			.body(StringBody("#{orderBody}"))
			.check(status().is(201), header("Idempotent-Replayed").is("false"),
					jmesPath("id").ofLong().saveAs("orderId")))
		.doIf(session -> session.contains("orderId") && ThreadLocalRandom.current().nextInt(10) == 0)
		.then(exec(http("retry order").post("/api/v1/orders")
			.header("Authorization", Auth.BEARER)
			.header("Idempotency-Key", "#{orderKey}")
			.body(StringBody("#{orderBody}"))
			.check(status().is(201), header("Idempotent-Replayed").is("true"),
					jmesPath("id").ofLong().isEL("#{orderId}"))))
		.doIf(session -> session.contains("orderId"))
		.then(exec(http("get order").get("/api/v1/orders/#{orderId}")
			.header("Authorization", Auth.BEARER)
			.check(status().is(200), jmesPath("id").ofLong().isEL("#{orderId}"))));

	private final ScenarioBuilder scenario = scenario("checkout").feed(this.sessions)
		.during(LoadSettings.duration(30))
		.on(exec(Auth.refreshWhenExpiring()).exec(this.browse).exec(this.order));

	{
		setUp(this.scenario.injectOpen(rampUsers(this.users).during(LoadSettings.ramp()))).protocols(Http.protocol())
			.assertions(LoadSettings.assertions(1000));
	}

	@Override
	public void before() {
		SetUpClient client = new SetUpClient(LoadSettings.baseUrl());
		String admin = client.adminToken();
		String run = Long.toString(System.currentTimeMillis(), 36);
		for (int i = 0; i < PRODUCTS; i++) {
			client.create("/api/v1/products", admin, Map.of("sku", "LOAD-" + run + "-" + i, "name",
					"Load test product " + i, "price", "9.99", "stock", 1_000_000_000));
		}
		this.sessions.addAll(client.loginUsers("load-checkout", this.users));
	}

	/** Distinct product ids from the last catalogue page seen. */
	private static List<Long> pick(Session session, int count) {
		List<Long> ids = new ArrayList<>(session.getList("productIds"));
		java.util.Collections.shuffle(ids, ThreadLocalRandom.current());
		return ids.subList(0, Math.min(count, ids.size()));
	}

	private static String orderBody(List<Long> productIds) {
		StringBuilder items = new StringBuilder();
		for (long id : productIds) {
			items.append(items.isEmpty() ? "" : ",")
				.append("{\"productId\":")
				.append(id)
				.append(",\"quantity\":")
				.append(1 + ThreadLocalRandom.current().nextInt(3))
				.append('}');
		}
		return "{\"items\":[" + items + "]}";
	}

}
