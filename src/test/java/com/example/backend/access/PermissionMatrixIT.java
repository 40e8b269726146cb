package com.example.backend.access;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.example.backend.support.Api;
import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.Fixtures;
import com.example.backend.support.IntegrationTest;

import static com.example.backend.support.Fixtures.orderBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roles table of the API contract, endpoint by endpoint, for an anonymous caller and
 * each role. "Other" resources belong to a different user than the caller. Reads of
 * someone else's order or draft are 404 (existence is not revealed); a missing permission
 * is 403; no token is 401.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixIT extends IntegrationTest {

	enum Caller {

		ANONYMOUS, USER, MODERATOR, ADMIN

	}

	private final Map<Caller, String[]> auth = new java.util.EnumMap<>(Caller.class);

	private Session admin;

	private Session other;

	private Fixtures fixtures;

	private long product;

	private long publishedPost;

	@BeforeAll
	void createCallers() {
		createClient();
		this.admin = admin();
		this.fixtures = new Fixtures(this.api, this.admin);
		Session moderator = this.api.newUser();
		this.api.put("/api/v1/users/" + moderator.id() + "/role", Map.of("role", "MODERATOR"), this.admin.auth());
		this.auth.put(Caller.ANONYMOUS, new String[0]);
		this.auth.put(Caller.USER, this.api.newUser().auth());
		this.auth.put(Caller.MODERATOR, this.api.login(moderator.email(), Api.PASSWORD).auth());
		this.auth.put(Caller.ADMIN, this.admin.auth());
		this.other = this.api.newUser();
		this.product = this.fixtures.product("1.00", 100_000).get("id").asLong();
		this.publishedPost = this.fixtures.post(this.other, "PUBLISHED").get("id").asLong();
	}

	Stream<Arguments> matrix() {
		return Stream
			.of(rule("GET /posts", 200, 200, 200, 200, (api, auth) -> api.get("/api/v1/posts", auth)),
					rule("GET /posts/{id} published", 200, 200, 200, 200,
							(api, auth) -> api.get("/api/v1/posts/" + this.publishedPost, auth)),
					rule("GET /posts/{id} other's draft", 404, 404, 200, 200,
							(api, auth) -> api.get("/api/v1/posts/" + post("DRAFT"), auth)),
					rule("POST /posts", 401, 201, 201, 201,
							(api, auth) -> api.post("/api/v1/posts",
									Map.of("title", "t", "body", "b", "status", "DRAFT"), auth)),
					rule("PUT /posts/{id} other's", 401, 403, 200, 200,
							(api, auth) -> api.put("/api/v1/posts/" + post("PUBLISHED"),
									Map.of("title", "t", "body", "b", "status", "PUBLISHED", "version", 0), auth)),
					// Moderation is of published posts: another author's draft is
					// theirs alone to edit or publish (users do not even see it).
					rule("PUT /posts/{id} other's draft", 401, 404, 403, 403,
							(api, auth) -> api.put("/api/v1/posts/" + post("DRAFT"),
									Map.of("title", "t", "body", "b", "status", "PUBLISHED", "version", 0), auth)),
					rule("PUT /posts/{id} unpublish other's", 401, 403, 200, 200,
							(api, auth) -> api.put("/api/v1/posts/" + post("PUBLISHED"),
									Map.of("title", "t", "body", "b", "status", "DRAFT", "version", 0), auth)),
					rule("DELETE /posts/{id} other's draft", 401, 404, 204, 204,
							(api, auth) -> api.delete("/api/v1/posts/" + post("DRAFT"), auth)),
					rule("DELETE /posts/{id} other's", 401, 403, 204, 204,
							(api, auth) -> api.delete("/api/v1/posts/" + post("PUBLISHED"), auth)),
					rule("GET /users/{id}/posts", 200, 200, 200, 200,
							(api, auth) -> api.get("/api/v1/users/" + this.other.id() + "/posts", auth)),
					rule("GET /products", 200, 200, 200, 200, (api, auth) -> api.get("/api/v1/products", auth)),
					rule("GET /products/{id}", 200, 200, 200, 200,
							(api, auth) -> api.get("/api/v1/products/" + this.product, auth)),
					rule("POST /products", 401, 403, 403, 201,
							(api, auth) -> api.post("/api/v1/products", productBody(), auth)),
					rule("PUT /products/{id}", 401, 403, 403, 200,
							(api, auth) -> api.put("/api/v1/products/" + newProduct(), productBody(), auth)),
					rule("DELETE /products/{id}", 401, 403, 403, 204,
							(api, auth) -> api.delete("/api/v1/products/" + newProduct(), auth)),
					rule("POST /orders", 401, 201, 201, 201,
							(api, auth) -> api.post("/api/v1/orders", orderBody(Map.of(this.product, 1)), auth)),
					rule("GET /orders", 401, 200, 200, 200, (api, auth) -> api.get("/api/v1/orders", auth)),
					rule("GET /orders/{id} other's", 401, 404, 404, 200,
							(api, auth) -> api.get("/api/v1/orders/" + othersOrder(), auth)),
					rule("POST /orders/{id}/cancel other's", 401, 404, 404, 200,
							(api, auth) -> api.post("/api/v1/orders/" + othersOrder() + "/cancel", null, auth)),
					rule("PATCH /orders/{id}/status", 401, 403, 403, 200,
							(api, auth) -> api.patch("/api/v1/orders/" + othersOrder() + "/status",
									Map.of("status", "PAID"), auth)),
					rule("GET /users", 401, 403, 403, 200, (api, auth) -> api.get("/api/v1/users", auth)),
					rule("GET /users/{id} other", 401, 403, 200, 200,
							(api, auth) -> api.get("/api/v1/users/" + this.other.id(), auth)),
					rule("PATCH /users/{id} other", 401, 403, 403, 200,
							(api, auth) -> api.patch("/api/v1/users/" + this.api.newUser().id(),
									Map.of("displayName", "Renamed"), auth)),
					rule("PUT /users/{id}/role other", 401, 403, 403, 200,
							(api, auth) -> api.put("/api/v1/users/" + this.api.newUser().id() + "/role",
									Map.of("role", "MODERATOR"), auth)),
					rule("DELETE /users/{id} other", 401, 403, 403, 204,
							(api, auth) -> api.delete("/api/v1/users/" + this.api.newUser().id(), auth)),
					rule("GET /users/me", 401, 200, 200, 200, (api, auth) -> api.get("/api/v1/users/me", auth)),
					rule("GET /actuator/prometheus", 401, 403, 403, 200,
							(api, auth) -> api.get("/actuator/prometheus", auth)))
			.flatMap(rule -> Arrays.stream(Caller.values())
				.map(caller -> Arguments.of(rule.endpoint(), caller, rule.expected().get(caller.ordinal()), rule)));
	}

	@ParameterizedTest(name = "{0} as {1} -> {2}")
	@MethodSource("matrix")
	void callerGetsTheStatusTheContractPromises(String endpoint, Caller caller, int expected, Rule rule) {
		Response response = rule.call().apply(this.api, this.auth.get(caller));

		assertThat(response.status()).as(endpoint + " as " + caller + ": " + response.body()).isEqualTo(expected);
	}

	private long post(String status) {
		return this.fixtures.post(this.other, status).get("id").asLong();
	}

	private long newProduct() {
		return this.fixtures.product("2.00", 5).get("id").asLong();
	}

	private long othersOrder() {
		return this.fixtures.order(this.other, this.product, 1).get("id").asLong();
	}

	private static Map<String, Object> productBody() {
		return Map.of("sku", "SKU-" + UUID.randomUUID(), "name", "n", "price", "1.00", "stock", 1);
	}

	private static Rule rule(String endpoint, int anonymous, int user, int moderator, int admin,
			BiFunction<Api, String[], Response> call) {
		return new Rule(endpoint, List.of(anonymous, user, moderator, admin), call);
	}

	record Rule(String endpoint, List<Integer> expected, BiFunction<Api, String[], Response> call) {

		@Override
		public String toString() {
			return this.endpoint;
		}

	}

}
