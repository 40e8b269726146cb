package com.example.backend.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds domain data through the public API, the way a client would. */
public final class Fixtures {

	private final Api api;

	private final Session admin;

	public Fixtures(Api api, Session admin) {
		this.api = api;
		this.admin = admin;
	}

	public JsonNode product(String price, int stock) {
		Response response = this.api.post("/api/v1/products",
				Map.of("sku", "SKU-" + UUID.randomUUID(), "name", "Product " + price, "price", price, "stock", stock),
				this.admin.auth());
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	public JsonNode post(Session author, String status) {
		Response response = this.api.post("/api/v1/posts",
				Map.of("title", "Title " + UUID.randomUUID(), "body", "Body", "status", status), author.auth());
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	public JsonNode order(Session customer, long productId, int quantity) {
		Response response = this.api.post("/api/v1/orders", orderBody(Map.of(productId, quantity)), customer.auth());
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json();
	}

	public static Map<String, Object> orderBody(Map<Long, Integer> quantities) {
		return Map.of("items",
				quantities.entrySet()
					.stream()
					.map(line -> Map.of("productId", line.getKey(), "quantity", line.getValue()))
					.toList());
	}

	public static Map<String, Object> orderLines(List<long[]> lines) {
		return Map.of("items", lines.stream().map(line -> Map.of("productId", line[0], "quantity", line[1])).toList());
	}

	public int stockOf(long productId) {
		return this.api.get("/api/v1/products/" + productId).json().get("stock").asInt();
	}

}
