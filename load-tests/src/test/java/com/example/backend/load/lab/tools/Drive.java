package com.example.backend.load.lab.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sends N requests of one benchmark endpoint, one after the other, and fails on any
 * answer but 2xx. profile.sh counts statements, transactions and round trips over exactly
 * these N requests (wrk's time-boxed runs leave requests half-done at both ends).
 */
final class Drive {

	private Drive() {
	}

	static void main(List<String> args) throws Exception {
		String base = args.get(0);
		JsonNode state = new ObjectMapper().readTree(Path.of(args.get(1)).toFile());
		String endpoint = args.get(2);
		int count = Integer.parseInt(args.get(3));
		String bearer = "Bearer " + state.path("readerToken").asText();
		JsonNode products = state.path("productIds");
		HttpClient http = HttpClient.newHttpClient();
		for (int i = 0; i < count; i++) {
			HttpRequest.Builder request = switch (endpoint) {
				case "ping" -> HttpRequest.newBuilder(URI.create(base + "/api/v1/ping"));
				case "post" -> HttpRequest.newBuilder(URI.create(base + "/api/v1/posts/" + state.path("postId")));
				case "posts" -> HttpRequest.newBuilder(URI.create(base + "/api/v1/posts?size=20"));
				case "me" ->
					HttpRequest.newBuilder(URI.create(base + "/api/v1/users/me")).header("Authorization", bearer);
				case "order" -> {
					int a = ThreadLocalRandom.current().nextInt(products.size());
					String body = "{\"items\":[{\"productId\":" + products.get(a) + ",\"quantity\":1},{\"productId\":"
							+ products.get((a + 1) % products.size()) + ",\"quantity\":1}]}";
					yield HttpRequest.newBuilder(URI.create(base + "/api/v1/orders"))
						.header("Authorization", bearer)
						.header("Content-Type", "application/json")
						.header("Idempotency-Key", "drive-" + System.nanoTime() + "-" + i)
						.POST(HttpRequest.BodyPublishers.ofString(body));
				}
				default -> throw new IllegalArgumentException("unknown endpoint " + endpoint);
			};
			HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new IllegalStateException(endpoint + ": HTTP " + response.statusCode() + " " + response.body());
			}
		}
		System.out.println(count + " requests");
	}

}
