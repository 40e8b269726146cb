package com.example.backend.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Set-up before the measurement (accounts, logins, posts, products), with the JDK's HTTP
 * client so that none of it counts in Gatling's statistics. Jackson 2 comes with Gatling.
 * The one seeder of the load tests: the simulations use it, and so do the lab's wrk and
 * JFR scripts (through {@code lab.tools.Seed}).
 */
public final class SetUpClient {

	public static final String PASSWORD = "load-test-password";

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String baseUrl;

	public SetUpClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Registers (unless they exist from an earlier run) and logs in {@code count} users
	 * named {@code prefix-<i>@load.test}, a few at a time: every login hashes a password
	 * (Argon2, tens of milliseconds of CPU), so this is the slow part of the set-up.
	 */
	List<Tokens> loginUsers(String prefix, int count) {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Tokens>> logins = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String email = prefix + "-" + i + "@load.test";
				logins.add(pool.submit(() -> {
					register(email);
					return login(email, PASSWORD);
				}));
			}
			List<Tokens> tokens = new ArrayList<>();
			for (Future<Tokens> login : logins) {
				tokens.add(login.get());
			}
			return tokens;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Set-up failed: cannot log in the load-test users at " + this.baseUrl, ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	public void register(String email) {
		JsonResponse response = send("POST", "/api/v1/auth/register", null,
				Map.of("email", email, "password", PASSWORD, "displayName", "Load " + email.split("@")[0]));
		if (response.status() != 201 && response.status() != 409) {
			throw new IllegalStateException("register " + email + ": " + response);
		}
	}

	/**
	 * The access token of the admin the run was started with ({@code -DadminEmail},
	 * {@code -DadminPassword}), who creates the products.
	 */
	String adminToken() {
		return login(System.getProperty("adminEmail", "load-admin@load.test"),
				System.getProperty("adminPassword", "load-admin-password"))
			.accessToken();
	}

	public Tokens login(String email, String password) {
		JsonResponse response = send("POST", "/api/v1/auth/login", null, Map.of("email", email, "password", password));
		if (response.status() != 200) {
			throw new IllegalStateException("login " + email + ": " + response
					+ " (load runs need generous app.auth.*-throttle limits; see load-tests/README.md)");
		}
		JsonNode body = response.body();
		return new Tokens(body.get("accessToken").asText(), body.get("refreshToken").asText(),
				Auth.expiresAt(body.get("expiresIn").asLong()));
	}

	/** Creates a resource as {@code token}'s user and returns its id. */
	public long create(String path, String token, Map<String, Object> body) {
		JsonResponse response = send("POST", path, token, body);
		if (response.status() != 201) {
			throw new IllegalStateException("POST " + path + ": " + response);
		}
		return response.body().get("id").asLong();
	}

	/** A GET as {@code token}'s user (or anonymous when null); its JSON body. */
	public JsonNode get(String path, String token) {
		JsonResponse response = send("GET", path, token, null);
		if (response.status() != 200) {
			throw new IllegalStateException("GET " + path + ": " + response);
		}
		return response.body();
	}

	private JsonResponse send(String method, String path, String token, Object body) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/json")
				.method(method, (body == null) ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			JsonNode parsed = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
			return new JsonResponse(response.statusCode(), parsed);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(method + " " + this.baseUrl + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/** A logged-in user as a Gatling session starts with it. */
	public record Tokens(String accessToken, String refreshToken, long expiresAt) {

		Map<String, Object> asSession() {
			return Map.of("accessToken", this.accessToken, "refreshToken", this.refreshToken, "expiresAt",
					this.expiresAt);
		}

	}

	private record JsonResponse(int status, JsonNode body) {
	}

}
