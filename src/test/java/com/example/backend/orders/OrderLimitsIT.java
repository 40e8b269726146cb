package com.example.backend.orders;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.Concurrently;
import com.example.backend.support.Fixtures;
import com.example.backend.support.IntegrationTest;

import static com.example.backend.support.Fixtures.orderBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unpaid orders hold stock, so they are bounded twice: a few per user at a time, and none
 * for longer than {@code app.orders.pending-expiry}. Otherwise one user could empty the
 * catalogue by ordering and never paying.
 */
@TestPropertySource(properties = "app.orders.max-pending-per-user=3")
class OrderLimitsIT extends IntegrationTest {

	@Autowired
	private OrderService orders;

	@Autowired
	private JdbcTemplate jdbc;

	private Fixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new Fixtures(this.api, admin());
	}

	@Test
	void aUserHoldsOnlySoManyUnpaidOrdersAtOnce() {
		Session buyer = this.api.newUser();
		long product = this.fixtures.product("2.00", 100).get("id").asLong();
		long first = this.fixtures.order(buyer, product, 1).get("id").asLong();
		this.fixtures.order(buyer, product, 1);
		this.fixtures.order(buyer, product, 1);

		order(buyer, product).assertProblem(409, "too-many-pending-orders");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(97);

		assertThat(this.api.post("/api/v1/orders/" + first + "/cancel", null, buyer.auth()).status()).isEqualTo(200);
		assertThat(order(buyer, product).status()).isEqualTo(201);
		// Another user's budget is their own.
		assertThat(order(this.api.newUser(), product).status()).isEqualTo(201);
	}

	/** The cap holds when the orders arrive together, not only one after another. */
	@Test
	void concurrentOrdersCannotPassTheCapTogether() throws Exception {
		Session buyer = this.api.newUser();
		long product = this.fixtures.product("2.00", 100).get("id").asLong();

		List<Response> responses = Concurrently.run(12, (i) -> () -> order(buyer, product));

		assertThat(responses).extracting(Response::status).containsOnly(201, 409);
		assertThat(responses).filteredOn((response) -> response.status() == 201).hasSize(3);
		assertThat(this.jdbc.queryForObject("select count(*) from orders where user_id = ? and status = 'PENDING'",
				Long.class, buyer.id()))
			.isEqualTo(3);
		assertThat(this.fixtures.stockOf(product)).isEqualTo(97);
	}

	@Test
	void anUnpaidOrderExpiresAndItsStockReturnsWhileAPaidOneStays() {
		Session buyer = this.api.newUser();
		long product = this.fixtures.product("2.00", 10).get("id").asLong();
		long unpaid = this.fixtures.order(buyer, product, 4).get("id").asLong();
		long paid = this.fixtures.order(buyer, product, 3).get("id").asLong();
		assertThat(
				this.api.patch("/api/v1/orders/" + paid + "/status", Map.of("status", "PAID"), admin().auth()).status())
			.isEqualTo(200);
		this.jdbc.update("update orders set created_at = created_at - interval '31 minutes' where id in (?, ?)", unpaid,
				paid);

		this.orders.expirePending(100);

		assertThat(status(buyer, unpaid)).isEqualTo("CANCELLED");
		assertThat(status(buyer, paid)).isEqualTo("PAID");
		assertThat(this.fixtures.stockOf(product)).isEqualTo(7);
	}

	private Response order(Session buyer, long product) {
		return this.api.post("/api/v1/orders", orderBody(Map.of(product, 1)), buyer.auth());
	}

	private String status(Session buyer, long order) {
		return this.api.get("/api/v1/orders/" + order, buyer.auth()).json().get("status").asString();
	}

}
