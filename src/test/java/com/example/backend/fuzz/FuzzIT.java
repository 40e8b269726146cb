package com.example.backend.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;
import com.example.backend.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends generated malformed requests to every operation of the OpenAPI document (so a new
 * endpoint is fuzzed without anyone remembering to add it): naughty path, query and
 * header values, bad percent-encoding, malformed and invalid-UTF-8 JSON, huge and deeply
 * nested bodies, wrong types, control characters and unpaired surrogates in every field,
 * and every string of the Big List of Naughty Strings ({@code fuzz/blns.json}, MIT) at
 * least once. Every answer must be below 500, every error problem+json with the request
 * id, and a rejected request must leave the data as it was.
 * <p>
 * Bounded (a fixed seed, a few dozen requests per operation, about 1,000 in all) so that
 * it runs in every build in well under a minute.
 */
class FuzzIT extends IntegrationTest {

	private static final JsonMapper json = JsonMapper.shared();

	/** Bodies generated per operation that takes one. */
	private static final int BODIES_PER_OPERATION = 12;

	private static final String[] WRONG_TYPES = { "[]", "{}", "true", "1.5", "-1", "1e400", "9223372036854775808",
			"null", "\"\\ud800\"", "\"\\udc00x\"", "\"a\\u0000b\"", "\"\\u0001\\u001f\\u007f\"",
			"\"" + "x".repeat(100_000) + "\"", "[[[[[[[[[[1]]]]]]]]]]" };

	private static final String[] MALFORMED_BODIES = { "{", "{\"a\":", "[", "null", "\"text\"", "123", "{\"a\":1,}",
			"{'a':1}", "{\"a\":NaN}", "" };

	@Autowired
	private JdbcTemplate jdbc;

	private final Random random = new Random(20261130);

	private final List<String> failures = new ArrayList<>();

	@Test
	void noMalformedRequestBreaksAnyEndpointOrStoresAnything() {
		List<String> naughty = naughtyStrings();
		Cycle strings = new Cycle(naughty);
		JsonNode openApi = this.api.get("/v3/api-docs").json();
		Session admin = admin();
		Session user = this.api.newUser();
		int operations = 0;
		int requests = 0;
		for (Map.Entry<String, JsonNode> path : openApi.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (path.getKey().startsWith("/api/v1/test/")) {
					continue; // the test suite's own deliberately failing endpoint
				}
				if (operation.getKey().equals("parameters")) {
					continue; // the parameters all operations of the path share, not an
								// operation
				}
				operations++;
				String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
				String template = path.getKey();
				// Changes to existing resources go out as an ordinary user: a naughty
				// id such as "1" must not delete or rewrite another test's data.
				boolean safe = method.equals("GET") || !template.contains("{");
				Session caller = safe ? admin : user;
				requests += fuzz(method, template, operation.getValue(), openApi, caller, strings);
			}
		}
		// Whatever is left of the list goes to one text field, so every string is sent.
		while (!strings.allUsed()) {
			String title = strings.next();
			send("POST", "/api/v1/posts", body(Map.of("title", quote(title), "body", "\"b\"", "status", "\"DRAFT\"")),
					user, "Content-Type", "application/json");
			requests++;
		}

		assertThat(operations).as("operations in the OpenAPI document").isGreaterThan(20);
		assertThat(requests).isGreaterThan(naughty.size());
		assertThat(this.failures).as(requests + " requests").isEmpty();
	}

	private int fuzz(String method, String template, JsonNode operation, JsonNode openApi, Session caller,
			Cycle strings) {
		List<String> targets = new ArrayList<>();
		if (template.contains("{")) {
			for (String value : new String[] { strings.next(), strings.next(), strings.next(), "99999999999999999999",
					"-1" }) {
				targets.add(template.replaceAll("\\{[^}]+}", encode(value)));
			}
			// Bad percent-encoding, raw.
			targets.add(template.replaceAll("\\{[^}]+}", "%"));
			targets.add(template.replaceAll("\\{[^}]+}", "%zz"));
			targets.add(template.replaceAll("\\{[^}]+}", "%ED%A0%80"));
		}
		String base = template.replaceAll("\\{[^}]+}", "1");
		List<String> queryNames = new ArrayList<>(List.of("page", "size", "sort"));
		for (JsonNode parameter : operation.path("parameters")) {
			if (parameter.path("in").asString().equals("query")
					&& !parameter.path("name").asString().equals("pageable")) {
				queryNames.add(parameter.path("name").asString());
			}
		}
		for (int i = 0; i < 3; i++) {
			StringBuilder query = new StringBuilder();
			for (String name : queryNames) {
				query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(encode(strings.next()));
			}
			targets.add(base + query);
		}
		targets.add(base + "?sort=%25");
		targets.add(base + "?page=%");
		targets.add(base + "?size=%C3%28&sort=%00");
		int sent = 0;
		String validBody = operation.has("requestBody") ? body(example(operation, openApi, strings)) : null;
		for (String target : targets) {
			send(method, target, validBody, caller, "Content-Type", "application/json");
			sent++;
		}
		// Headers with naughty values (as ISO-8859-1 bytes, as a client could send them).
		for (String header : new String[] { "If-Match", "Idempotency-Key", "X-Request-Id", "Authorization",
				"Accept" }) {
			send(method, base, validBody, caller, "Content-Type", "application/json", header,
					headerValue(strings.next()));
			sent++;
		}
		send(method, base, validBody, caller, "Content-Type", "text/plain");
		send(method, base, validBody, caller, "Content-Type", "application/json; charset=ISO-2022-JP");
		sent += 2;
		if (!operation.has("requestBody") && !method.equals("POST")) {
			return sent;
		}
		for (String malformed : MALFORMED_BODIES) {
			send(method, base, malformed, caller, "Content-Type", "application/json");
			sent++;
		}
		sendBytes(method, base,
				new byte[] { '{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, '(', '"', '}' }, caller);
		sendBytes(method, base, new byte[] { '{', '"', 'e', 'm', 'a', 'i', 'l', '"', ':', '"', (byte) 0xED, (byte) 0xA0,
				(byte) 0x80, '"', '}' }, caller);
		send(method, base, "[".repeat(20_000) + "]".repeat(20_000), caller, "Content-Type", "application/json");
		send(method, base, "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000), caller, "Content-Type",
				"application/json");
		send(method, base, "{\"items\":[" + "{\"productId\":1,\"quantity\":1},".repeat(60_000) + "{}]}", caller,
				"Content-Type", "application/json");
		sent += 5;
		for (int i = 0; i < BODIES_PER_OPERATION; i++) {
			Map<String, String> fields = example(operation, openApi, strings);
			for (String field : fields.keySet()) {
				if (this.random.nextInt(3) == 0) {
					fields.put(field, WRONG_TYPES[this.random.nextInt(WRONG_TYPES.length)]);
				}
			}
			send(method, base, body(fields), caller, "Content-Type", "application/json");
			sent++;
		}
		return sent;
	}

	/**
	 * A body with every property of the operation's request schema: strings from the
	 * naughty list, other types with plausible values.
	 */
	private Map<String, String> example(JsonNode operation, JsonNode openApi, Cycle strings) {
		Map<String, String> fields = new LinkedHashMap<>();
		JsonNode schema = resolve(operation.path("requestBody").path("content").path("application/json").path("schema"),
				openApi);
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			JsonNode type = resolve(property.getValue(), openApi);
			fields.put(property.getKey(), switch (type.path("type").asString()) {
				case "integer" -> Integer.toString(this.random.nextInt(5));
				case "number" -> "1.25";
				case "boolean" -> "true";
				case "array" -> "[{\"productId\":1,\"quantity\":1}]";
				case "object" -> "{}";
				default -> type.has("enum") ? quote(type.get("enum").get(0).asString()) : quote(strings.next());
			});
		}
		return fields;
	}

	private static JsonNode resolve(JsonNode schema, JsonNode openApi) {
		String ref = schema.path("$ref").asString("");
		if (ref.startsWith("#/components/schemas/")) {
			return openApi.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
		}
		return schema;
	}

	private void send(String method, String target, String body, Session caller, String... headers) {
		sendBytes(method, target, (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null, caller, headers);
	}

	private void sendBytes(String method, String target, byte[] body, Session caller, String... extraHeaders) {
		List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + caller.accessToken()));
		boolean contentType = false;
		for (int i = 0; i < extraHeaders.length; i += 2) {
			int existing = headers.indexOf(extraHeaders[i]);
			if (existing >= 0 && existing % 2 == 0) {
				headers.set(existing + 1, extraHeaders[i + 1]);
			}
			else {
				headers.add(extraHeaders[i]);
				headers.add(extraHeaders[i + 1]);
			}
			contentType |= extraHeaders[i].equals("Content-Type");
		}
		if (body != null && !contentType) {
			headers.add("Content-Type");
			headers.add("application/json");
		}
		String before = dataChecksum();
		RawHttp.Response response = raw().send(method, target, body, headers.toArray(String[]::new));
		String request = method + " " + abbreviate(target) + " "
				+ abbreviate((body != null) ? new String(body, StandardCharsets.UTF_8) : "");
		if (response.status() >= 500) {
			this.failures.add(response.status() + " for " + request + ": " + abbreviate(response.body()));
			return;
		}
		if (response.status() >= 400) {
			try {
				response.assertIsProblem();
			}
			catch (AssertionError ex) {
				this.failures.add("not problem+json (" + response.status() + ") for " + request + ": "
						+ abbreviate(ex.getMessage()));
			}
			if (!before.equals(dataChecksum())) {
				this.failures.add("data changed by rejected " + request + " (" + response.status() + ")");
			}
		}
	}

	/** Row counts and version sums of every table a request can write. */
	private String dataChecksum() {
		return this.jdbc.queryForObject("""
				select concat_ws(',',
				  (select count(*) || '/' || coalesce(sum(version), 0) from users),
				  (select count(*) || '/' || coalesce(sum(version), 0) from posts),
				  (select count(*) || '/' || coalesce(sum(version), 0) from products),
				  (select count(*) || '/' || coalesce(sum(version), 0) from orders),
				  (select count(*) from order_items),
				  (select count(*) from refresh_tokens),
				  (select count(*) from idempotency_records))
				""", String.class);
	}

	private static List<String> naughtyStrings() {
		try (InputStream in = FuzzIT.class.getResourceAsStream("/fuzz/blns.json")) {
			List<String> strings = new ArrayList<>();
			json.readTree(in).forEach((node) -> strings.add(node.asString()));
			strings.addAll(List.of("\u0000", "a\u0000b", "\u0001\u0002\u001b[31m", "\u202e\u0644\u0627", "\ud83d\ude00",
					"x".repeat(300), "%", "%zz", "../../etc/passwd", "1e400", "-0", "9223372036854775808", " ",
					"\t\r\n"));
			return strings;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The naughty strings round and round; after one lap each has been sent. */
	private static final class Cycle {

		private final List<String> items;

		private int next;

		Cycle(List<String> items) {
			this.items = items;
		}

		String next() {
			return this.items.get(this.next++ % this.items.size());
		}

		boolean allUsed() {
			return this.next >= this.items.size();
		}

	}

	private static String body(Map<String, String> fields) {
		StringBuilder body = new StringBuilder("{");
		fields.forEach((name,
				value) -> body.append(body.length() > 1 ? "," : "").append(quote(name)).append(':').append(value));
		return body.append('}').toString();
	}

	private static String quote(String text) {
		return json.writeValueAsString(text);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** Header values travel as ISO-8859-1; line breaks would end the header. */
	private static String headerValue(String value) {
		StringBuilder safe = new StringBuilder();
		for (char c : value.toCharArray()) {
			safe.append((c >= 0x20 && c <= 0xFF && c != 0x7F) ? c : '?');
		}
		return safe.toString();
	}

	private static String abbreviate(String text) {
		return (text.length() > 200) ? text.substring(0, 200) + "..." : text;
	}

}
