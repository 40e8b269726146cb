package com.example.backend.orders;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.Concurrently;
import com.example.backend.support.Fixtures;
import com.example.backend.support.IntegrationTest;

import static com.example.backend.support.Fixtures.orderBody;
import static com.example.backend.support.Fixtures.orderLines;
import static org.assertj.core.api.Assertions.assertThat;

class OrdersIT extends IntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	private Fixtures fixtures;

	private Session admin;

	@BeforeEach
	void setUp() {
		this.admin = admin();
		this.fixtures = new Fixtures(this.api, this.admin);
	}

	@Test
	void placesAnOrderWithSnapshotPricesAndServerSideTotal() {
		Session customer = this.api.newUser();
		long book = this.fixtures.product("19.99", 10).get("id").asLong();
		long mug = this.fixtures.product("0.10", 10).get("id").asLong();

		Response response = this.api.post("/api/v1/orders",
				orderLines(List.of(new long[] { book, 3 }, new long[] { mug, 1 })), customer.auth());

		assertThat(response.status()).isEqualTo(201);
		JsonNode order = response.json();
		assertThat(response.header("Location")).isEqualTo("/api/v1/orders/" + order.get("id").asLong());
		assertThat(order.get("userId").asLong()).isEqualTo(customer.id());
		assertThat(order.get("status").asString()).isEqualTo("PENDING");
		assertThat(order.get("total").isString()).isTrue();
		assertThat(order.get("total").asString()).isEqualTo("60.07");
		assertThat(order.get("items").get(0).get("unitPrice").asString()).isEqualTo("19.99");
		assertThat(order.get("items").get(0).get("lineTotal").asString()).isEqualTo("59.97");
		assertThat(order.get("items").get(0).get("productName").asString()).isEqualTo("Product 19.99");
		assertThat(this.fixtures.stockOf(book)).isEqualTo(7);
		assertThat(this.fixtures.stockOf(mug)).isEqualTo(9);

		JsonNode product = this.api.get("/api/v1/products/" + book).json();
		this.api.put("/api/v1/products/" + book,
				Map.of("sku", product.get("sku").asString(), "name", "Renamed", "price", "99.00", "stock", 7),
				this.admin.auth());
		JsonNode reread = this.api.get("/api/v1/orders/" + order.get("id").asLong(), customer.auth()).json();
		assertThat(reread.get("items").get(0).get("unitPrice").asString()).isEqualTo("19.99");
		assertThat(reread.get("items").get(0).get("productName").asString()).isEqualTo("Product 19.99");
	}

	@Test
	void insufficientStockOnAnyLineChangesNothing() {
		Session customer = this.api.newUser();
		long plenty = this.fixtures.product("1.00", 50).get("id").asLong();
		long scarce = this.fixtures.product("1.00", 2).get("id").asLong();

		JsonNode problem = this.api
			.post("/api/v1/orders", orderLines(List.of(new long[] { plenty, 5 }, new long[] { scarce, 3 })),
					customer.auth())
			.assertProblem(409, "insufficient-stock");

		assertThat(problem.get("productId").asLong()).isEqualTo(scarce);
		assertThat(this.fixtures.stockOf(plenty)).isEqualTo(50);
		assertThat(this.fixtures.stockOf(scarce)).isEqualTo(2);
		assertThat(this.api.get("/api/v1/orders", customer.auth()).json().get("page").get("totalElements").asLong())
			.isZero();
	}

	@Test
	void unknownProductsAndDuplicateLinesAreUnprocessable() {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("1.00", 5).get("id").asLong();

		this.api.post("/api/v1/orders", orderBody(Map.of(987654321L, 1)), customer.auth())
			.assertProblem(422, "unknown-product");
		JsonNode duplicate = this.api
			.post("/api/v1/orders", orderLines(List.of(new long[] { product, 1 }, new long[] { product, 2 })),
					customer.auth())
			.assertProblem(422, "validation-failed");
		assertThat(duplicate.get("errors").findValuesAsString("field")).containsExactly("items");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(5);
	}

	@Test
	void invalidOrdersListTheFields() {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("1.00", 500).get("id").asLong();
		List<long[]> tooMany = new ArrayList<>();
		for (int line = 0; line < 51; line++) {
			tooMany.add(new long[] { line + 1, 1 });
		}

		JsonNode quantities = this.api
			.post("/api/v1/orders", orderLines(List.of(new long[] { product, 0 })), customer.auth())
			.assertProblem(422, "validation-failed");
		assertThat(quantities.get("errors").findValuesAsString("field")).containsExactly("items[0].quantity");
		this.api.post("/api/v1/orders", orderLines(List.of(new long[] { product, 101 })), customer.auth())
			.assertProblem(422, "validation-failed");
		this.api.post("/api/v1/orders", Map.of("items", List.of()), customer.auth())
			.assertProblem(422, "validation-failed");
		this.api.post("/api/v1/orders", orderLines(tooMany), customer.auth()).assertProblem(422, "validation-failed");
		this.api.post("/api/v1/orders", "{\"items\":[{\"productId\":\"x\",\"quantity\":1}]}", customer.auth())
			.assertProblem(400, "malformed-request");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(500);
	}

	@Test
	void retryWithTheSameIdempotencyKeyReturnsTheFirstOrder() {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("5.00", 10).get("id").asLong();
		String key = UUID.randomUUID().toString();

		Response first = placeWithKey(customer, key, Map.of(product, 2));
		Response retry = placeWithKey(customer, key, Map.of(product, 2));

		assertThat(first.status()).isEqualTo(201);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
		assertThat(retry.json()).isEqualTo(first.json());
		assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
		assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
		assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(8);
	}

	@Test
	void sameKeyWithAnotherBodyIsUnprocessable() {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("5.00", 10).get("id").asLong();
		String key = UUID.randomUUID().toString();
		placeWithKey(customer, key, Map.of(product, 2));

		placeWithKey(customer, key, Map.of(product, 3)).assertProblem(422, "idempotency-key-reused");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(8);
	}

	@Test
	void keysAreScopedPerUser() {
		long product = this.fixtures.product("5.00", 10).get("id").asLong();
		String key = UUID.randomUUID().toString();

		JsonNode first = placeWithKey(this.api.newUser(), key, Map.of(product, 1)).json();
		JsonNode second = placeWithKey(this.api.newUser(), key, Map.of(product, 1)).json();

		assertThat(second.get("id")).isNotEqualTo(first.get("id"));
		assertThat(this.fixtures.stockOf(product)).isEqualTo(8);
	}

	@Test
	void expiredKeysAreForgotten() {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("5.00", 10).get("id").asLong();
		String key = UUID.randomUUID().toString();
		JsonNode first = placeWithKey(customer, key, Map.of(product, 1)).json();
		this.jdbc.update("update idempotency_records set expires_at = now() - interval '1 second' "
				+ "where user_id = ? and idempotency_key = ?", customer.id(), key);

		JsonNode second = placeWithKey(customer, key, Map.of(product, 1)).json();

		assertThat(second.get("id")).isNotEqualTo(first.get("id"));
		assertThat(this.fixtures.stockOf(product)).isEqualTo(8);
	}

	@Test
	void overlongIdempotencyKeyIsBadRequest() {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("5.00", 10).get("id").asLong();

		placeWithKey(customer, "k".repeat(65), Map.of(product, 1)).assertProblem(400, "malformed-request");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(10);
	}

	@Test
	void concurrentRetriesWithOneKeyCreateOneOrder() throws Exception {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("5.00", 100).get("id").asLong();
		String key = UUID.randomUUID().toString();

		List<Response> responses = Concurrently.run(10, (i) -> () -> placeWithKey(customer, key, Map.of(product, 1)));

		assertThat(responses).extracting(Response::status).containsOnly(201);
		assertThat(responses).extracting(response -> response.json().get("id").asLong())
			.containsOnly(responses.get(0).json().get("id").asLong());
		assertThat(this.fixtures.stockOf(product)).isEqualTo(99);
		assertThat(this.jdbc.queryForObject("select count(*) from orders where user_id = ?", Long.class, customer.id()))
			.isEqualTo(1);
	}

	@Test
	void fiftyConcurrentOrdersForTenItemsNeverOversell() throws Exception {
		long product = this.fixtures.product("3.00", 10).get("id").asLong();
		List<Session> customers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			customers.add(this.api.newUser());
		}
		List<Response> responses = Concurrently.run(50, (i) -> () -> this.api.post("/api/v1/orders",
				orderBody(Map.of(product, 1)), customers.get(i % customers.size()).auth()));

		assertThat(responses).filteredOn(response -> response.status() == 201).hasSize(10);
		// The rest find the stock gone (409); on a saturated machine
		// a few may instead wait longer than the pool allows and be
		// told to retry (503), which oversells nothing either.
		assertThat(responses).filteredOn(response -> response.status() != 201)
			.extracting(Response::status)
			.hasSize(40)
			.containsAnyOf(409)
			.allMatch(status -> status == 409 || status == 503);
		assertThat(this.fixtures.stockOf(product)).isZero();
		assertThat(this.jdbc.queryForObject("select coalesce(sum(quantity), 0) from order_items where product_id = ?",
				Long.class, product))
			.isEqualTo(10);
	}

	@Test
	void statusFollowsTheLifeCycle() {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("2.00", 10).get("id").asLong();
		long order = this.fixtures.order(customer, product, 1).get("id").asLong();

		moveTo(order, "SHIPPED").assertProblem(409, "illegal-status-transition");
		assertThat(moveTo(order, "PAID").json().get("status").asString()).isEqualTo("PAID");
		moveTo(order, "PENDING").assertProblem(409, "illegal-status-transition");
		assertThat(moveTo(order, "SHIPPED").json().get("status").asString()).isEqualTo("SHIPPED");
		moveTo(order, "CANCELLED").assertProblem(409, "illegal-status-transition");
		JsonNode delivered = moveTo(order, "DELIVERED").json();
		assertThat(delivered.get("status").asString()).isEqualTo("DELIVERED");
		assertThat(delivered.get("version").asLong()).isEqualTo(3);
		moveTo(order, "PAID").assertProblem(409, "illegal-status-transition");
		this.api.patch("/api/v1/orders/" + order + "/status", Map.of("status", "LOST"), this.admin.auth())
			.assertProblem(400, "malformed-request");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(9);
	}

	@Test
	void ownerCancelsWhilePendingAndGetsTheStockBack() {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("2.00", 10).get("id").asLong();
		long order = this.fixtures.order(customer, product, 4).get("id").asLong();

		Response cancelled = this.api.post("/api/v1/orders/" + order + "/cancel", null, customer.auth());

		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(10);
		this.api.post("/api/v1/orders/" + order + "/cancel", null, customer.auth())
			.assertProblem(409, "order-not-cancellable");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(10);
	}

	/**
	 * A careful client retries a cancel whose answer it lost, without a version: the
	 * retry must learn that the order is cancelled, not that a version it never sent is
	 * stale (found by the chaos soak).
	 */
	@Test
	void concurrentUnconditionalCancelsAnswerOneSuccessAndOtherwiseNotCancellable() throws Exception {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("2.00", 100).get("id").asLong();
		for (int run = 0; run < 5; run++) {
			long order = this.fixtures.order(customer, product, 1).get("id").asLong();

			List<Response> answers = Concurrently.run(4,
					(i) -> () -> this.api.post("/api/v1/orders/" + order + "/cancel", null, customer.auth()));

			assertThat(answers).filteredOn((answer) -> answer.status() == 200).hasSize(1);
			answers.stream()
				.filter((answer) -> answer.status() != 200)
				.forEach((answer) -> answer.assertProblem(409, "order-not-cancellable"));
		}
		assertThat(this.fixtures.stockOf(product)).isEqualTo(100);
	}

	@Test
	void ownerCannotCancelAPaidOrderButAnAdminCan() {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("2.00", 10).get("id").asLong();
		long order = this.fixtures.order(customer, product, 4).get("id").asLong();
		moveTo(order, "PAID");

		this.api.post("/api/v1/orders/" + order + "/cancel", null, customer.auth())
			.assertProblem(409, "order-not-cancellable");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(6);
		Response cancelled = this.api.post("/api/v1/orders/" + order + "/cancel", null, this.admin.auth());
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(10);
	}

	@Test
	void conditionalCancelWithAStaleETagChangesNothing() {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("2.00", 10).get("id").asLong();
		long order = this.fixtures.order(customer, product, 2).get("id").asLong();
		String etag = this.api.get("/api/v1/orders/" + order, customer.auth()).header("ETag");
		moveTo(order, "PAID");

		this.api.post("/api/v1/orders/" + order + "/cancel", null, this.admin.authWith("If-Match", etag))
			.assertProblem(412, "precondition-failed");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(8);
		assertThat(this.api.get("/api/v1/orders/" + order, customer.auth()).json().get("status").asString())
			.isEqualTo("PAID");
	}

	@Test
	void shippedOrdersCannotBeCancelled() {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("2.00", 10).get("id").asLong();
		long order = this.fixtures.order(customer, product, 1).get("id").asLong();
		moveTo(order, "PAID");
		moveTo(order, "SHIPPED");

		this.api.post("/api/v1/orders/" + order + "/cancel", null, this.admin.auth())
			.assertProblem(409, "order-not-cancellable");
	}

	@Test
	void someoneElsesOrderDoesNotExistForYou() {
		Session owner = this.api.newUser();
		Session stranger = this.api.newUser();
		long product = this.fixtures.product("2.00", 10).get("id").asLong();
		long order = this.fixtures.order(owner, product, 1).get("id").asLong();

		this.api.get("/api/v1/orders/" + order, stranger.auth()).assertProblem(404, "not-found");
		this.api.post("/api/v1/orders/" + order + "/cancel", null, stranger.auth()).assertProblem(404, "not-found");
		assertThat(this.api.get("/api/v1/orders", stranger.auth()).json().get("content").size()).isZero();
		this.api.get("/api/v1/orders?userId=" + owner.id(), stranger.auth()).assertProblem(403, "forbidden");
		assertThat(this.api.get("/api/v1/orders/" + order, this.admin.auth()).status()).isEqualTo(200);
	}

	@Test
	void listsAreNewestFirstAndFilterable() {
		Session customer = this.api.newUser();
		long product = this.fixtures.product("2.00", 10).get("id").asLong();
		long older = this.fixtures.order(customer, product, 1).get("id").asLong();
		long newer = this.fixtures.order(customer, product, 1).get("id").asLong();
		moveTo(older, "PAID");

		assertThat(this.api.get("/api/v1/orders", customer.auth()).ids()).containsExactly(newer, older);
		assertThat(this.api.get("/api/v1/orders?status=PAID", customer.auth()).ids()).containsExactly(older);
		assertThat(this.api.get("/api/v1/orders?userId=" + customer.id() + "&status=PENDING", this.admin.auth()).ids())
			.containsExactly(newer);
		this.api.get("/api/v1/orders?status=LOST", customer.auth()).assertProblem(400, "malformed-request");
	}

	private Response placeWithKey(Session customer, String key, Map<Long, Integer> quantities) {
		return this.api.post("/api/v1/orders", orderBody(quantities), customer.authWith("Idempotency-Key", key));
	}

	private Response moveTo(long order, String status) {
		return this.api.patch("/api/v1/orders/" + order + "/status", Map.of("status", status), this.admin.auth());
	}

}
