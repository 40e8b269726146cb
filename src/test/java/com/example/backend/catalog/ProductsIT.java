package com.example.backend.catalog;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class ProductsIT extends IntegrationTest {

	@Test
	void adminManagesProductsAndMoneyIsATwoDecimalString() {
		Session admin = admin();
		String sku = "SKU-" + UUID.randomUUID();
		Response created = this.api.post("/api/v1/products",
				Map.of("sku", sku, "name", "Widget", "price", 19.9, "stock", 5), admin.auth());

		assertThat(created.status()).isEqualTo(201);
		JsonNode product = created.json();
		assertThat(product.get("price").isString()).isTrue();
		assertThat(product.get("price").asString()).isEqualTo("19.90");
		String path = "/api/v1/products/" + product.get("id").asLong();
		assertThat(created.header("Location")).isEqualTo(path);
		assertThat(this.api.get(path).json()).isEqualTo(product);

		Response updated = this.api.put(path,
				Map.of("sku", sku, "name", "Widget 2", "price", "21.00", "stock", 7, "version", 0), admin.auth());
		assertThat(updated.json().get("name").asString()).isEqualTo("Widget 2");
		this.api.put(path, Map.of("sku", sku, "name", "Stale", "price", "1.00", "stock", 1, "version", 0), admin.auth())
			.assertProblem(409, "stale-version");
		assertThat(this.api.delete(path, admin.auth()).status()).isEqualTo(204);
		this.api.get(path).assertProblem(404, "not-found");
	}

	@Test
	void staleIfMatchIsPreconditionFailedAndChangesNothing() {
		Session admin = admin();
		String sku = "SKU-" + UUID.randomUUID();
		String path = this.api
			.post("/api/v1/products", Map.of("sku", sku, "name", "A", "price", "1.00", "stock", 1), admin.auth())
			.header("Location");
		Response read = this.api.get(path);
		assertThat(read.header("ETag")).isEqualTo("\"0\"");

		Map<String, Object> edit = Map.of("sku", sku, "name", "B", "price", "2.00", "stock", 2);
		assertThat(this.api.put(path, edit, admin.authWith("If-Match", "\"0\"")).header("ETag")).isEqualTo("\"1\"");
		this.api
			.put(path, Map.of("sku", sku, "name", "C", "price", "3.00", "stock", 3),
					admin.authWith("If-Match", "\"0\""))
			.assertProblem(412, "precondition-failed");
		assertThat(this.api.get(path).json().get("name").asString()).isEqualTo("B");
	}

	@Test
	void duplicateSkuIsConflict() {
		Session admin = admin();
		Map<String, Object> body = Map.of("sku", "SKU-" + UUID.randomUUID(), "name", "A", "price", "1.00", "stock", 1);
		assertThat(this.api.post("/api/v1/products", body, admin.auth()).status()).isEqualTo(201);

		this.api.post("/api/v1/products", body, admin.auth()).assertProblem(409, "sku-taken");
	}

	@Test
	void invalidProductsListTheFields() {
		JsonNode problem = this.api
			.post("/api/v1/products", Map.of("sku", "bad sku!", "name", " ", "price", "0.00", "stock", -1),
					admin().auth())
			.assertProblem(422, "validation-failed");

		assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("name", "price", "sku", "stock");
		this.api
			.post("/api/v1/products", Map.of("sku", "S-1", "name", "n", "price", "1.001", "stock", 1), admin().auth())
			.assertProblem(422, "validation-failed");
		this.api
			.post("/api/v1/products", Map.of("sku", "S-1", "name", "n", "price", "cheap", "stock", 1), admin().auth())
			.assertProblem(400, "malformed-request");
	}

	@Test
	void catalogueIsPublicButOnlyAdminsChangeIt() {
		assertThat(this.api.get("/api/v1/products").status()).isEqualTo(200);
		Map<String, Object> body = Map.of("sku", "SKU-" + UUID.randomUUID(), "name", "A", "price", "1.00", "stock", 1);
		this.api.post("/api/v1/products", body).assertProblem(401, "unauthorized");
		this.api.post("/api/v1/products", body, this.api.newUser().auth()).assertProblem(403, "forbidden");
	}

	@Test
	void listIsPagedSortableAndCapped() {
		JsonNode page = this.api.get("/api/v1/products?size=1000&sort=price,desc").json();

		assertThat(page.get("page").get("size").asInt()).isEqualTo(100);
		this.api.get("/api/v1/products?sort=stock").assertProblem(400, "malformed-request");
		assertThat(this.api.get("/api/v1/products").json().get("page").get("size").asInt()).isEqualTo(20);
		// Spring Data reads a negative page as the first one rather than rejecting it.
		assertThat(this.api.get("/api/v1/products?page=-1").json().get("page").get("number").asInt()).isZero();
	}

}
