package com.example.backend.openapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.example.backend.support.Api;
import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document is what clients generate code from, so it has to match the
 * server: every {@code $ref} resolves, every example is valid against its schema, and
 * real answers of every operation (success and each error class) validate against it
 * ({@link OpenApiContract}).
 */
class OpenApiDocumentIT extends IntegrationTest {

	private static final String BASE = "/api/v1";

	private OpenApiContract contract;

	@BeforeEach
	void loadDocument() {
		Response served = this.api.get("/v3/api-docs");
		assertThat(served.status()).isEqualTo(200);
		this.contract = new OpenApiContract(served.body());
	}

	@Test
	void everyReferenceResolves() {
		List<String> refs = new ArrayList<>();
		walk(this.contract.document(), "", (pointer, node) -> {
			if (node.has("$ref")) {
				refs.add(node.get("$ref").asString());
			}
		});
		assertThat(refs).hasSizeGreaterThan(100).contains("#/components/schemas/Problem");
		for (String ref : new TreeSet<>(refs)) {
			assertThat(ref).as("local reference").startsWith("#/");
			assertThat(this.contract.document().at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
		}
	}

	@Test
	void everyExampleMatchesItsSchema() {
		List<String> checked = new ArrayList<>();
		walk(this.contract.document(), "", (pointer, node) -> {
			boolean isSchema = pointer.matches("/components/schemas/[^/]+");
			if (isSchema && node.has("example")) {
				assertThat(this.contract.validate(pointer, node.get("example"))).as("example of %s", pointer).isEmpty();
				checked.add(pointer);
			}
			if (node.has("schema") && node.has("example") && pointer.contains("/content/")) {
				assertThat(this.contract.validate(pointer + "/schema", node.get("example")))
					.as("example of %s", pointer)
					.isEmpty();
				checked.add(pointer + "/example");
			}
			if (node.has("schema") && node.has("examples") && pointer.contains("/content/")) {
				node.get("examples").properties().forEach(example -> {
					JsonNode value = this.contract.resolve(example.getValue()).get("value");
					assertThat(this.contract.validate(pointer + "/schema", value))
						.as("example %s of %s", example.getKey(), pointer)
						.isEmpty();
					checked.add(pointer + "/examples/" + example.getKey());
				});
			}
		});
		// Each shared problem answer carries its example, and the examples that
		// operations
		// listing several types under one status refer to are shared components: each
		// must
		// have been checked against the schema of an answer that uses it.
		assertThat(checked.stream().filter(pointer -> pointer.matches("/components/responses/.*/example")))
			.hasSizeGreaterThan(15);
		Set<String> sharedExamples = new TreeSet<>(this.contract.document().at("/components/examples").propertyNames());
		assertThat(checked.stream().map(pointer -> pointer.substring(pointer.lastIndexOf('/') + 1)))
			.containsAll(sharedExamples);
		assertThat(checked.stream().filter(pointer -> pointer.startsWith("/components/schemas/")))
			.hasSizeGreaterThan(10);
	}

	/**
	 * The document derives where a token is read from {@code @AccessToken}; the security
	 * filter decides it at run time. A bad token sent to every operation proves that the
	 * two agree: exactly the operations that document the {@code unauthorized} problem
	 * answer it.
	 */
	@Test
	void exactlyTheOperationsThatDocumentUnauthorizedRefuseABadToken() {
		Map<String, Boolean> documented = new TreeMap<>();
		Map<String, Boolean> answered = new TreeMap<>();
		this.contract.document().get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
			if (op.getKey().equals("parameters") || path.getKey().startsWith(BASE + "/test/")) {
				return;
			}
			String method = op.getKey().toUpperCase();
			String operation = method + " " + path.getKey();
			JsonNode unauthorized = this.contract.resolve(op.getValue().path("responses").path("401"));
			documented.put(operation,
					unauthorized.toString().contains("urn:problem-type:unauthorized") || unauthorized.path("content")
						.path("application/problem+json")
						.path("examples")
						.has("unauthorized"));
			boolean hasBody = op.getValue().has("requestBody");
			Response answer = this.api.send(method, path.getKey().replace("{id}", "1"), hasBody ? Map.of() : null,
					Api.bearer("not-a-token"));
			answered.put(operation, answer.status() == 401 && answer.body().contains("urn:problem-type:unauthorized"));
		}));
		assertThat(documented).hasSizeGreaterThan(25).containsValue(true).containsValue(false);
		assertThat(answered).isEqualTo(documented);
	}

	@Test
	void realAnswersMatchTheDocument() throws IOException {
		Session admin = admin();
		Session alice = this.api.newUser();
		Session bob = this.api.newUser();

		authentication();
		users(admin, alice, bob);
		long productId = products(admin);
		posts(alice, bob);
		orders(admin, alice, bob, productId);
		check(this.api.get(BASE + "/ping"));
		// A controller of the test sources (web.FailingTestController):
		// the 500 every operation documents.
		check(this.api.get(BASE + "/test/unexpected-failure", alice.auth())).assertProblem(500, "internal-error");

		Set<String> successes = new TreeSet<>();
		Set<String> operations = new TreeSet<>();
		this.contract.document().get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
			String operation = op.getKey().toUpperCase() + " " + path.getKey();
			if (op.getKey().equals("parameters") || path.getKey().startsWith(BASE + "/test/")) {
				return;
			}
			operations.add(operation);
			if (this.contract.checked()
				.stream()
				.anyMatch(answer -> answer.matches("\\Q" + operation + "\\E 2\\d\\d"))) {
				successes.add(operation);
			}
		}));
		assertThat(successes).as("operations answered successfully").isEqualTo(operations);
		Set<String> statuses = new TreeSet<>();
		this.contract.checked().forEach(answer -> statuses.add(answer.substring(answer.lastIndexOf(' ') + 1)));
		assertThat(statuses).contains("200", "201", "204", "304", "400", "401", "403", "404", "409", "412", "415",
				"422", "428", "429", "500");

		Path report = Path.of("target", "openapi-contract.txt");
		Files.createDirectories(report.getParent());
		Files.writeString(report,
				"%d operations, %d answers checked, %d distinct operation/status pairs:%n%s%n".formatted(
						operations.size(), this.contract.answers(), this.contract.checked().size(),
						String.join(System.lineSeparator(), this.contract.checked())));
	}

	private void authentication() {
		String email = "doc-" + UUID.randomUUID() + "@test.local";
		Map<String, String> registration = Map.of("email", email, "password", Api.PASSWORD, "displayName", "Doc");
		check(this.api.post(BASE + "/auth/register", registration));
		check(this.api.post(BASE + "/auth/register", registration)).assertProblem(409, "email-taken");
		check(this.api.post(BASE + "/auth/register", Map.of("email", "not-an-email", "password", "short")))
			.assertProblem(422, "validation-failed");
		check(this.api.post(BASE + "/auth/login", "{not json")).assertProblem(400, "malformed-request");
		check(this.api.post(BASE + "/auth/login", "email=a", "Content-Type", "application/x-www-form-urlencoded"))
			.assertProblem(415, "unsupported-media-type");

		JsonNode tokens = check(this.api.post(BASE + "/auth/login", Map.of("email", email, "password", Api.PASSWORD)))
			.json();
		Map<String, String> refresh = Map.of("refreshToken", tokens.get("refreshToken").asString());
		JsonNode rotated = check(this.api.post(BASE + "/auth/refresh", refresh)).json();
		check(this.api.post(BASE + "/auth/refresh", refresh)).assertProblem(401, "invalid-refresh-token");
		check(this.api.post(BASE + "/auth/logout", Map.of("refreshToken", rotated.get("refreshToken").asString())));

		String victim = "locked-" + UUID.randomUUID() + "@test.local";
		Response last = null;
		for (int attempt = 0; attempt < 6; attempt++) {
			last = check(this.api.post(BASE + "/auth/login", Map.of("email", victim, "password", "wrong-password")));
		}
		last.assertProblem(429, "too-many-login-attempts");
	}

	private void users(Session admin, Session alice, Session bob) {
		check(this.api.get(BASE + "/users/me", alice.auth()));
		check(this.api.get(BASE + "/users/me")).assertProblem(401, "unauthorized");
		check(this.api.get(BASE + "/users/me", Api.bearer("not-a-token"))).assertProblem(401, "unauthorized");
		check(this.api.get(BASE + "/users?q=test&size=5", admin.auth()));
		check(this.api.get(BASE + "/users", alice.auth())).assertProblem(403, "forbidden");
		Response self = check(this.api.get(BASE + "/users/" + alice.id(), alice.auth()));
		check(this.api.get(BASE + "/users/" + alice.id(), alice.authWith("If-None-Match", self.header("ETag"))));
		check(this.api.get(BASE + "/users/" + bob.id(), alice.auth())).assertProblem(403, "forbidden");
		check(this.api.get(BASE + "/users/987654321", admin.auth())).assertProblem(404, "not-found");
		check(this.api.patch(BASE + "/users/" + alice.id(), Map.of("displayName", "Alice"), alice.auth()));
		check(this.api.patch(BASE + "/users/" + alice.id(), Map.of("displayName", "Alice", "version", 0), alice.auth()))
			.assertProblem(409, "stale-version");
		check(this.api.patch(BASE + "/users/" + alice.id(), Map.of("displayName", "Alice"),
				alice.authWith("If-Match", "\"0\"")))
			.assertProblem(412, "precondition-failed");
		check(this.api.patch(BASE + "/users/" + alice.id(),
				Map.of("password", "a-new-password", "currentPassword", "not-the-password"), alice.auth()))
			.assertProblem(422, "current-password-mismatch");
		check(this.api.put(BASE + "/users/" + this.api.newUser().id() + "/role", Map.of("role", "MODERATOR"),
				admin.auth()));
		check(this.api.put(BASE + "/users/" + admin.id() + "/role", Map.of("role", "USER"), admin.auth()))
			.assertProblem(403, "forbidden");
		check(this.api.delete(BASE + "/users/" + this.api.newUser().id(), admin.auth()));
	}

	private long products(Session admin) {
		String sku = "DOC-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> product = Map.of("sku", sku, "name", "Documented mug", "price", "9.50", "stock", 3);
		long id = check(this.api.post(BASE + "/products", product, admin.auth())).json().get("id").asLong();
		check(this.api.post(BASE + "/products", product, admin.auth())).assertProblem(409, "sku-taken");
		check(this.api.post(BASE + "/products", Map.of("sku", "X", "name", "", "price", 0, "stock", -1), admin.auth()))
			.assertProblem(422, "validation-failed");
		check(this.api.get(BASE + "/products?size=2&sort=price,desc"));
		check(this.api.get(BASE + "/products?sort=stock")).assertProblem(400, "malformed-request");
		check(this.api.get(BASE + "/products/" + id));
		check(this.api.put(BASE + "/products/" + id,
				Map.of("sku", sku, "name", "Documented mug", "price", "9.90", "stock", 3, "version", 0), admin.auth()));
		check(this.api.put(BASE + "/products/" + id,
				Map.of("sku", sku, "name", "Documented mug", "price", "9.90", "stock", 3, "version", 0), admin.auth()))
			.assertProblem(409, "stale-version");
		check(this.api.put(BASE + "/products/" + id, product, admin.authWith("If-Match", "\"0\""))).assertProblem(412,
				"precondition-failed");
		long doomed = check(this.api.post(BASE + "/products",
				Map.of("sku", sku + "-B", "name", "Short-lived", "price", "1.00", "stock", 0), admin.auth()))
			.json()
			.get("id")
			.asLong();
		check(this.api.delete(BASE + "/products/" + doomed, admin.auth()));
		check(this.api.get(BASE + "/products/" + doomed)).assertProblem(404, "not-found");
		return id;
	}

	private void posts(Session alice, Session bob) {
		Map<String, Object> post = Map.of("title", "Documented", "body", "Checked against the document.", "status",
				"PUBLISHED");
		Response created = check(this.api.post(BASE + "/posts", post, alice.auth()));
		long id = created.json().get("id").asLong();
		check(this.api.post(BASE + "/posts", Map.of("title", "", "body", "x", "status", "PUBLISHED"), alice.auth()))
			.assertProblem(422, "validation-failed");
		check(this.api.post(BASE + "/posts", "title=x", alice.authWith("Content-Type", "text/plain")))
			.assertProblem(415, "unsupported-media-type");
		check(this.api.get(BASE + "/posts?size=3"));
		check(this.api.get(BASE + "/posts?authorId=" + alice.id(), Api.bearer("garbage"))).assertProblem(401,
				"unauthorized");
		check(this.api.get(BASE + "/users/" + alice.id() + "/posts", alice.auth()));
		check(this.api.get(BASE + "/users/987654321/posts")).assertProblem(404, "not-found");
		Response one = check(this.api.get(BASE + "/posts/" + id));
		check(this.api.get(BASE + "/posts/" + id, "If-None-Match", one.header("ETag")));
		check(this.api.get(BASE + "/posts/abc")).assertProblem(400, "malformed-request");
		check(this.api.get(BASE + "/posts/987654321")).assertProblem(404, "not-found");
		check(this.api.put(BASE + "/posts/" + id, post, alice.auth())).assertProblem(428, "precondition-required");
		check(this.api.put(BASE + "/posts/" + id, post, alice.authWith("If-Match", "\"7\""))).assertProblem(412,
				"precondition-failed");
		check(this.api.put(BASE + "/posts/" + id, withVersion(post, 3), alice.auth())).assertProblem(409,
				"stale-version");
		check(this.api.put(BASE + "/posts/" + id, withVersion(post, 0), bob.auth())).assertProblem(403, "forbidden");
		check(this.api.put(BASE + "/posts/" + id, withVersion(post, 0), alice.auth()));
		check(this.api.delete(BASE + "/posts/" + id, bob.auth())).assertProblem(403, "forbidden");
		check(this.api.delete(BASE + "/posts/" + id, alice.auth()));
	}

	private void orders(Session admin, Session alice, Session bob, long productId) {
		Map<String, Object> order = Map.of("items", List.of(Map.of("productId", productId, "quantity", 1)));
		String key = UUID.randomUUID().toString();
		Response created = check(this.api.post(BASE + "/orders", order, alice.authWith("Idempotency-Key", key)));
		long id = created.json().get("id").asLong();
		Response replayed = check(this.api.post(BASE + "/orders", order, alice.authWith("Idempotency-Key", key)));
		assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
		check(this.api.post(BASE + "/orders", Map.of("items", List.of(Map.of("productId", productId, "quantity", 2))),
				alice.authWith("Idempotency-Key", key)))
			.assertProblem(422, "idempotency-key-reused");
		check(this.api.post(BASE + "/orders", Map.of("items", List.of(Map.of("productId", productId, "quantity", 50))),
				alice.auth()))
			.assertProblem(409, "insufficient-stock");
		check(this.api.post(BASE + "/orders", Map.of("items", List.of(Map.of("productId", 987654321, "quantity", 1))),
				alice.auth()))
			.assertProblem(422, "unknown-product");
		check(this.api.post(BASE + "/orders", Map.of("items", List.of()), alice.auth())).assertProblem(422,
				"validation-failed");
		check(this.api.get(BASE + "/orders?status=PENDING", alice.auth()));
		check(this.api.get(BASE + "/orders?userId=" + bob.id(), alice.auth())).assertProblem(403, "forbidden");
		check(this.api.get(BASE + "/orders?userId=" + alice.id(), admin.auth()));
		check(this.api.get(BASE + "/orders/" + id, alice.auth()));
		check(this.api.get(BASE + "/orders/" + id, bob.auth())).assertProblem(404, "not-found");
		check(this.api.post(BASE + "/orders/" + id + "/cancel", null, alice.authWith("If-Match", "\"9\"")))
			.assertProblem(412, "precondition-failed");
		check(this.api.post(BASE + "/orders/" + id + "/cancel", null, alice.auth()));
		check(this.api.post(BASE + "/orders/" + id + "/cancel", null, alice.auth())).assertProblem(409,
				"order-not-cancellable");

		long paid = check(this.api.post(BASE + "/orders", order, bob.auth())).json().get("id").asLong();
		check(this.api.patch(BASE + "/orders/" + paid + "/status", Map.of("status", "PAID"), admin.auth()));
		check(this.api.patch(BASE + "/orders/" + paid + "/status", Map.of("status", "PENDING"), admin.auth()))
			.assertProblem(409, "illegal-status-transition");
		check(this.api.patch(BASE + "/orders/" + paid + "/status", Map.of("status", "SHIPPED"), bob.auth()))
			.assertProblem(403, "forbidden");
	}

	private Response check(Response response) {
		return this.contract.check(response);
	}

	private static Map<String, Object> withVersion(Map<String, Object> body, long version) {
		Map<String, Object> copy = new java.util.HashMap<>(body);
		copy.put("version", version);
		return copy;
	}

	private static void walk(JsonNode node, String pointer, BiConsumer<String, JsonNode> visitor) {
		if (node.isObject()) {
			visitor.accept(pointer, node);
			node.properties()
				.forEach(entry -> walk(entry.getValue(), pointer + "/" + OpenApiContract.escape(entry.getKey()),
						visitor));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				walk(node.get(i), pointer + "/" + i, visitor);
			}
		}
	}

}
