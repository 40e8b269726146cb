package com.example.backend.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * A realistic day for the chaos runner ({@code load-tests/lab/chaos.sh}): users who log
 * in and refresh their tokens, read and write posts, browse products, place orders with
 * an {@code Idempotency-Key} and cancel some of them, behaving as a careful client does
 * while the service around them fails.
 *
 * <p>
 * The careful client: an order (and a cancel, a login, a refresh) that gets no definite
 * answer is sent again with the same key and body: after {@code Retry-After} on a 503 or
 * 429, after an exponential backoff (0.5 s doubling to 8 s, with jitter) when the request
 * timed out ({@code -Dgatling.http.requestTimeout}), the connection broke, or the proxy
 * answered 502/504. It gives up after {@code -DmaxAttempts} attempts or 3 minutes. A 401
 * in the middle refreshes the token (or logs in again) and retries. Reads and post writes
 * are sent once: their failures are counted, not retried.
 *
 * <p>
 * Every answer goes to {@code -DanswersFile} ({@link AnswerLog}); the products created
 * here and their initial stock to {@code -DproductsFile}. The users run until the file
 * {@code -DstopFile} exists or {@code -Dduration} seconds have passed. No assertions: the
 * ledger of the runner judges the run.
 */
public class ChaosDaySimulation extends Simulation {

	private static final ObjectMapper json = new ObjectMapper();

	private static final int PRODUCTS = 16;

	/** Products with little stock, so that orders also meet 409 insufficient-stock. */
	private static final int SCARCE_PRODUCTS = 4;

	private static final int SCARCE_STOCK = 300;

	private static final int AMPLE_STOCK = 10_000_000;

	private static final long GIVE_UP_MILLIS = 180_000;

	private final int users = LoadSettings.users(30);

	private final int maxAttempts = LoadSettings.integer("maxAttempts", 20);

	private final long deadline = System.currentTimeMillis() + LoadSettings.duration(600).toMillis();

	private final Path stopFile = Path.of(System.getProperty("stopFile", "target/chaos-stop"));

	private final SessionFeeder sessions = new SessionFeeder();

	private final List<Long> productIds = new CopyOnWriteArrayList<>();

	private volatile long stopCheckedAt;

	private volatile boolean stopRequested;

	private final ChainBuilder login = carefully("login",
			http("login").post("/api/v1/auth/login")
				.body(StringBody(session -> "{\"email\":\"" + session.getString("email") + "\",\"password\":\""
						+ SetUpClient.PASSWORD + "\"}")),
			false)
		.exec(ChaosDaySimulation::takeTokens);

	private final ChainBuilder refresh = carefully("refresh",
			http("refresh token").post("/api/v1/auth/refresh")
				.body(StringBody("{\"refreshToken\":\"#{refreshToken}\"}")),
			false)
		.exec(ChaosDaySimulation::takeTokens)
		// A refresh token whose rotation answer was lost is spent: the retry is 401 (and
		// revokes the family), so the client signs in again, as an app would.
		.doIf(session -> lastStatus(session) != 200)
		.then(this.login)
		// Still no token (the login failed for good): try again in a while, not at once.
		.doIf(session -> lastStatus(session) != 200)
		.then(exec(session -> session.set("expiresAt", System.currentTimeMillis() + 15_000)));

	private final ChainBuilder refreshWhenExpiring = doIf(
			session -> session.getLong("expiresAt") - System.currentTimeMillis() < 5_000)
		.then(this.refresh);

	private final ChainBuilder readPosts = once("list-posts",
			http("list posts").get(session -> "/api/v1/posts?size=20&page=" + ThreadLocalRandom.current().nextInt(5)))
		.exec(session -> session.set("postId", firstId(session)))
		.doIf(session -> session.getLong("postId") > 0)
		.then(once("get-post", http("get post").get("/api/v1/posts/#{postId}")));

	private final ChainBuilder writePost = once("create-post",
			http("create post").post("/api/v1/posts")
				.header("Authorization", Auth.BEARER)
				.body(StringBody(session -> "{\"title\":\"Chaos day " + ThreadLocalRandom.current().nextInt(1_000_000)
						+ "\",\"body\":\"Written while the service was failing.\",\"status\":\"PUBLISHED\"}")));

	private final ChainBuilder browseProducts = once("list-products",
			http("list products").get("/api/v1/products?size=" + PRODUCTS))
		.exec(session -> session.set("productId", this.productIds.get(random(this.productIds.size()))))
		.exec(once("get-product", http("get product").get("/api/v1/products/#{productId}")));

	private final ChainBuilder placeOrder = exec(session -> session.remove("orderId")
		.set("orderKey", UUID.randomUUID().toString())
		.set("orderBody", orderBody(this.productIds)))
		.exec(carefully("order",
				http("create order").post("/api/v1/orders")
					.header("Authorization", Auth.BEARER)
					.header("Idempotency-Key", "#{orderKey}")
					.body(StringBody("#{orderBody}")),
				true))
		.doIf(session -> lastStatus(session) == 201)
		.then(exec(session -> session.set("orderId", idOf(session)))
			.exec(once("get-order",
					http("get order").get("/api/v1/orders/#{orderId}").header("Authorization", Auth.BEARER)))
			.doIf(session -> random(5) == 0)
			.then(carefully("cancel",
					http("cancel order").post("/api/v1/orders/#{orderId}/cancel").header("Authorization", Auth.BEARER),
					true)));

	private final ChainBuilder listOrders = once("list-orders",
			http("list orders").get("/api/v1/orders?size=10").header("Authorization", Auth.BEARER));

	private final ScenarioBuilder day = scenario("chaos day").feed(this.sessions)
		.asLongAs(session -> running())
		.on(exec(this.refreshWhenExpiring).randomSwitch()
			.on(percent(30.0).then(this.readPosts), percent(8.0).then(this.writePost),
					percent(27.0).then(this.browseProducts), percent(25.0).then(this.placeOrder),
					percent(7.0).then(this.listOrders), percent(3.0).then(this.login))
			.exec(think()));

	{
		setUp(this.day.injectOpen(rampUsers(this.users).during(LoadSettings.ramp()))).protocols(Http.protocol());
	}

	@Override
	public void before() {
		SetUpClient client = new SetUpClient(LoadSettings.baseUrl());
		String admin = client.adminToken();
		String run = Long.toString(System.currentTimeMillis(), 36);
		StringBuilder products = new StringBuilder("product_id,sku,initial_stock\n");
		for (int i = 0; i < PRODUCTS; i++) {
			int stock = (i < SCARCE_PRODUCTS) ? SCARCE_STOCK : AMPLE_STOCK;
			String sku = "CHAOS-" + run + "-" + i;
			long id = client.create("/api/v1/products", admin, Map.of("sku", sku, "name", "Chaos product " + i, "price",
					(3 + i) + "." + (10 + 7 * i % 90), "stock", stock));
			this.productIds.add(id);
			products.append(id).append(',').append(sku).append(',').append(stock).append('\n');
		}
		write(System.getProperty("productsFile"), products.toString());
		String prefix = "chaos-" + run;
		List<SetUpClient.Tokens> tokens = client.loginUsers(prefix, this.users);
		for (int i = 0; i < tokens.size(); i++) {
			Map<String, Object> session = new HashMap<>(tokens.get(i).asSession());
			session.put("email", prefix + "-" + i + "@load.test");
			this.sessions.add(session);
		}
		// The runner starts its fault schedule when the load starts, not during set-up.
		write(System.getProperty("startedFile"), Long.toString(System.currentTimeMillis()));
	}

	@Override
	public void after() {
		AnswerLog.flush();
	}

	/**
	 * One request sent once; its answer recorded. The session is never left failed: a
	 * failed read is an answer to count, not a reason to stop the user.
	 */
	private static ChainBuilder once(String op, HttpRequestActionBuilder request) {
		return exec(session -> session.set("attempt_" + op, 0)).exec(attempt(op, request));
	}

	private static ChainBuilder attempt(String op, HttpRequestActionBuilder request) {
		String attempts = "attempt_" + op;
		return exec(session -> session.removeAll("status", "body", "retryAfter", "replayed")
			.set("sentAt", System.currentTimeMillis())
			.set(attempts, session.getInt(attempts) + 1))
			.exec(request.check(status().saveAs("status"), header("Retry-After").optional().saveAs("retryAfter"),
					header("Idempotent-Replayed").optional().saveAs("replayed"),
					bodyString().optional().saveAs("body")))
			.exec(session -> {
				long sentAt = session.getLong("sentAt");
				int status = lastStatus(session);
				String orderId = switch (op) {
					case "order" -> (status == 201) ? Long.toString(idOf(session)) : "";
					case "cancel", "get-order" -> session.getString("orderId");
					default -> "";
				};
				String key = session.contains("orderKey")
						&& (op.equals("order") || op.equals("cancel") || op.equals("get-order"))
								? session.getString("orderKey") : "";
				AnswerLog.record(sentAt, System.currentTimeMillis() - sentAt, session.userId(), op, key,
						session.getInt(attempts), status, orderId, session.getString("replayed"),
						session.getString("retryAfter"), problem(status, session.getString("body")));
				return session.set("lastStatus_" + op, status).markAsSucceeded();
			});
	}

	/**
	 * Sends the request until a definite answer comes, the way a careful client does (see
	 * the class comment). {@code authenticated}: a 401 refreshes the token first.
	 */
	private ChainBuilder carefully(String op, HttpRequestActionBuilder request, boolean authenticated) {
		String done = "done_" + op;
		ChainBuilder attempt = attempt(op, request).exec(session -> decide(op, session));
		// A retry after a long outage may find the access token expired: renew it first.
		ChainBuilder refreshFirst = authenticated ? this.refreshWhenExpiring : exec(session -> session);
		return exec(session -> session.set("attempt_" + op, 0)
			.set(done, false)
			.set("firstSentAt_" + op, System.currentTimeMillis()))
			.asLongAs(session -> !session.getBoolean(done))
			.on(exec(refreshFirst).exec(attempt)
				.doIf(session -> !session.getBoolean(done))
				.then(pause(session -> Duration.ofMillis(session.getLong("waitMs_" + op)))));
	}

	private Session decide(String op, Session session) {
		int status = lastStatus(session);
		int attempt = session.getInt("attempt_" + op);
		boolean expired = System.currentTimeMillis() - session.getLong("firstSentAt_" + op) > GIVE_UP_MILLIS
				|| attempt >= this.maxAttempts;
		long waitMillis;
		if (status == 503 || status == 429) {
			waitMillis = retryAfterMillis(session.getString("retryAfter"), attempt);
		}
		else if (status == 0 || status == 502 || status == 504) {
			waitMillis = backoffMillis(attempt);
		}
		else if (status == 401 && !op.equals("login") && !op.equals("refresh")) {
			session = session.set("expiresAt", 0L);
			waitMillis = 0;
		}
		else {
			return session.set("done_" + op, true);
		}
		if (expired) {
			AnswerLog.record(System.currentTimeMillis(), 0, session.userId(), op + "-gave-up",
					op.equals("order") || op.equals("cancel") ? session.getString("orderKey") : "", attempt, status, "",
					"", "", "");
			return session.set("done_" + op, true);
		}
		return session.set("waitMs_" + op, waitMillis);
	}

	/** Honours Retry-After (seconds); a 503 without one gets the backoff instead. */
	private static long retryAfterMillis(String retryAfter, int attempt) {
		if (retryAfter == null || retryAfter.isBlank()) {
			return backoffMillis(attempt);
		}
		try {
			return Long.parseLong(retryAfter.trim()) * 1000 + random(250);
		}
		catch (NumberFormatException ex) {
			return backoffMillis(attempt);
		}
	}

	/** 0.5 s doubling to 8 s, each with up to half of it taken off at random. */
	private static long backoffMillis(int attempt) {
		long base = Math.min(8_000, 500L << Math.min(attempt - 1, 4));
		return base / 2 + random((int) (base / 2));
	}

	private boolean running() {
		long now = System.currentTimeMillis();
		if (now >= this.deadline) {
			return false;
		}
		if (now - this.stopCheckedAt > 1_000) {
			this.stopCheckedAt = now;
			this.stopRequested = Files.exists(this.stopFile);
		}
		return !this.stopRequested;
	}

	private static Session takeTokens(Session session) {
		if (lastStatus(session) != 200) {
			return session;
		}
		JsonNode body = parse(session.getString("body"));
		return session.set("accessToken", body.get("accessToken").asText())
			.set("refreshToken", body.get("refreshToken").asText())
			.set("expiresAt", Auth.expiresAt(body.get("expiresIn").asLong()));
	}

	/** What a failed answer's body says: the problem type's last segment, or html. */
	private static String problem(int status, String body) {
		if (status < 400 || body == null || body.isEmpty()) {
			return "";
		}
		if (body.startsWith("<")) {
			return "html";
		}
		JsonNode type = parse(body).get("type");
		return (type != null) ? type.asText().substring(type.asText().lastIndexOf('/') + 1) : "";
	}

	private static int lastStatus(Session session) {
		return session.contains("status") ? session.getInt("status") : 0;
	}

	private static long idOf(Session session) {
		JsonNode id = parse(session.getString("body")).get("id");
		return (id != null) ? id.asLong() : -1;
	}

	private static long firstId(Session session) {
		if (lastStatus(session) != 200) {
			return -1;
		}
		JsonNode content = parse(session.getString("body")).get("content");
		if (content == null || content.isEmpty()) {
			return -1;
		}
		return content.get(random(content.size())).get("id").asLong();
	}

	private static JsonNode parse(String body) {
		try {
			return (body == null || body.isEmpty()) ? json.nullNode() : json.readTree(body);
		}
		catch (IOException ex) {
			return json.nullNode();
		}
	}

	private static String orderBody(List<Long> productIds) {
		List<Long> ids = new ArrayList<>(productIds);
		Collections.shuffle(ids, ThreadLocalRandom.current());
		StringBuilder items = new StringBuilder();
		for (long id : ids.subList(0, 1 + random(3))) {
			items.append(items.isEmpty() ? "" : ",")
				.append("{\"productId\":")
				.append(id)
				.append(",\"quantity\":")
				.append(1 + random(3))
				.append('}');
		}
		return "{\"items\":[" + items + "]}";
	}

	private static ChainBuilder think() {
		return pause(Duration.ofMillis(LoadSettings.integer("thinkMinMs", 500)),
				Duration.ofMillis(LoadSettings.integer("thinkMaxMs", 2000)));
	}

	private static int random(int bound) {
		return ThreadLocalRandom.current().nextInt(bound);
	}

	private static void write(String file, String content) {
		if (file == null) {
			return;
		}
		try {
			Files.writeString(Path.of(file), content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
