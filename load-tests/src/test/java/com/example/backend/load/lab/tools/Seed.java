package com.example.backend.load.lab.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.example.backend.load.SetUpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Seeds a running service, through its public API, with the data the wrk benchmarks and
 * the profiling recipe read, and prints what they need as JSON: {@code {"postId": ...,
 * "readerToken": ..., "productIds": [...]}}.
 * <p>
 * Idempotent: a second run against the same database logs in instead of registering and
 * only tops the posts and products up. It creates (enough that pages and indexes behave
 * as in a real database, small enough to seed in seconds) {@code SEED_AUTHORS} (10)
 * authors with {@code SEED_POSTS} (300) published posts between them (bodies of about 600
 * characters), one reader for {@code GET /users/me}, and {@code SEED_PRODUCTS} (20)
 * products with stock that a benchmark run cannot exhaust, for {@code POST /orders}.
 */
final class Seed {

	/** About 600 characters, like a short article teaser. */
	private static final String BODY = "A benchmark post. ".repeat(34).strip();

	private Seed() {
	}

	static void main(List<String> args) throws Exception {
		SetUpClient client = new SetUpClient(args.get(0));
		int authors = number("SEED_AUTHORS", 10);
		int posts = number("SEED_POSTS", 300);
		int products = number("SEED_PRODUCTS", 20);
		String admin = client.login(args.get(1), args.get(2)).accessToken();
		List<String> authorTokens = new ArrayList<>();
		for (int i = 0; i < authors; i++) {
			authorTokens.add(account(client, "bench-author-" + i + "@example.com"));
		}
		String reader = account(client, "bench-reader@example.com");

		long existing = client.get("/api/v1/posts?size=1", null).path("page").path("totalElements").asLong();
		for (long i = existing; i < posts; i++) {
			client.create("/api/v1/posts", authorTokens.get((int) (i % authors)),
					Map.of("title", "Benchmark post " + i, "body", BODY, "status", "PUBLISHED"));
		}
		long newest = client.get("/api/v1/posts?size=1", null).path("content").get(0).path("id").asLong();

		List<Long> productIds = new ArrayList<>();
		for (JsonNode product : client.get("/api/v1/products?size=100", null).path("content")) {
			if (product.path("sku").asText().startsWith("BENCH-")) {
				productIds.add(product.path("id").asLong());
			}
		}
		for (int i = productIds.size(); i < products; i++) {
			productIds
				.add(client.create("/api/v1/products", admin, Map.of("sku", String.format(Locale.ROOT, "BENCH-%03d", i),
						"name", "Benchmark product " + i, "price", "9.99", "stock", 1_000_000_000)));
		}
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("postId", newest);
		state.put("readerToken", reader);
		state.put("productIds", productIds);
		System.out.println(new ObjectMapper().writeValueAsString(state));
	}

	private static String account(SetUpClient client, String email) {
		client.register(email);
		return client.login(email, SetUpClient.PASSWORD).accessToken();
	}

	private static int number(String name, int defaultValue) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? defaultValue : Integer.parseInt(value);
	}

}
