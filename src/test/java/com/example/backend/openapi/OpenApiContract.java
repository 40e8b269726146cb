package com.example.backend.openapi;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.backend.support.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks real answers against the served OpenAPI document: the status must be documented
 * for the operation, the documented required headers must be present and valid, and the
 * body must validate (JSON Schema 2020-12, the OpenAPI 3.1 dialect, formats asserted)
 * against the documented schema of its media type. A problem's {@code type} must be one
 * of the examples documented for that status, so undocumented error types fail too.
 * Remembers what it checked, for the coverage assertions of the test.
 */
final class OpenApiContract {

	private static final String BASE = "https://reference-backend.test/openapi.json";

	private static final JsonMapper json = JsonMapper.shared();

	private final JsonNode document;

	private final SchemaRegistry registry;

	private final List<String> templates;

	/** "POST /api/v1/orders 201" for every answer checked. */
	private final Set<String> checked = new TreeSet<>();

	private int answers;

	OpenApiContract(String documentText) {
		this.document = json.readTree(documentText);
		SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
		this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
				builder -> builder.schemaRegistryConfig(config).schemas(Map.of(BASE, documentText)));
		this.templates = new ArrayList<>(this.document.get("paths").propertyNames());
		// Literal segments win over variables: /users/me before /users/{id}.
		this.templates
			.sort(Comparator.comparingLong((String template) -> template.chars().filter(c -> c == '{').count())
				.thenComparing(Comparator.naturalOrder()));
	}

	JsonNode document() {
		return this.document;
	}

	/** Asserts that the answer is what the document promises; returns it for chaining. */
	Response check(Response response) {
		String method = response.raw().request().method();
		URI uri = response.raw().uri();
		String template = template(uri.getPath());
		String operationPointer = "/paths/" + escape(template) + "/" + method.toLowerCase();
		JsonNode operation = this.document.at(operationPointer);
		assertThat(operation.isMissingNode()).as("%s %s is documented", method, template).isFalse();
		String status = Integer.toString(response.status());
		String describe = method + " " + template + " " + status;
		JsonNode documented = operation.at("/responses/" + status);
		assertThat(documented.isMissingNode()).as("%s is documented (answer: %s)", describe, response.body()).isFalse();
		// A shared answer lives in components: its schema is found where the reference
		// points.
		String responsePointer = documented.has("$ref") ? documented.get("$ref").asString().substring(1)
				: operationPointer + "/responses/" + status;
		documented = resolve(documented);

		documented.path("headers").properties().forEach(entry -> checkHeader(describe, response, entry));

		JsonNode content = documented.path("content");
		String body = response.body();
		if (content.isMissingNode() || content.isEmpty()) {
			assertThat(body).as("%s has no body", describe).isEmpty();
		}
		else {
			String contentType = response.header("Content-Type");
			assertThat(contentType).as("%s Content-Type", describe).isNotNull();
			String mediaType = contentType.split(";")[0].trim();
			assertThat(content.has(mediaType)).as("%s documents %s", describe, mediaType).isTrue();
			String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
			assertValid(describe, schemaPointer, json.readTree(body));
			if (mediaType.equals("application/problem+json")) {
				String type = json.readTree(body).path("type").asString().replace("urn:problem-type:", "");
				// One type: the shared answer's example; several: an example per type.
				JsonNode media = content.path(mediaType);
				String documentedType = media.path("example").path("type").asString("");
				assertThat(media.path("examples").has(type) || documentedType.equals("urn:problem-type:" + type))
					.as("%s documents problem type %s", describe, type)
					.isTrue();
			}
		}
		this.checked.add(describe);
		this.answers++;
		return response;
	}

	/** Validates a value against the schema at a JSON pointer of the document. */
	List<Error> validate(String schemaPointer, JsonNode value) {
		Schema schema = this.registry.getSchema(SchemaLocation.of(BASE + "#" + schemaPointer));
		return schema.validate(value);
	}

	Set<String> checked() {
		return this.checked;
	}

	int answers() {
		return this.answers;
	}

	/** Follows a {@code $ref} within the document. */
	JsonNode resolve(JsonNode node) {
		JsonNode current = node;
		while (current.has("$ref")) {
			String ref = current.get("$ref").asString();
			assertThat(ref).startsWith("#/");
			current = this.document.at(ref.substring(1));
			assertThat(current.isMissingNode()).as("%s resolves", ref).isFalse();
		}
		return current;
	}

	private void assertValid(String describe, String schemaPointer, JsonNode value) {
		assertThat(validate(schemaPointer, value)).as("%s: %s against %s", describe, value, schemaPointer).isEmpty();
	}

	private void checkHeader(String describe, Response response, Map.Entry<String, JsonNode> entry) {
		JsonNode header = resolve(entry.getValue());
		String value = response.header(entry.getKey());
		if (!header.path("required").asBoolean(false)) {
			return;
		}
		assertThat(value).as("%s carries header %s", describe, entry.getKey()).isNotNull();
		JsonNode schema = header.path("schema");
		JsonNode typed = schema.path("type").asString("").equals("integer") ? json.readTree(value)
				: json.getNodeFactory().stringNode(value);
		assertThat(this.registry.getSchema(SchemaLocation.of(BASE + "#/x"), schema).validate(typed))
			.as("%s header %s=%s", describe, entry.getKey(), value)
			.isEmpty();
	}

	private String template(String path) {
		for (String template : this.templates) {
			String regex = Pattern.quote(template).replaceAll("\\{[^}]+\\}", "\\\\E[^/]+\\\\Q");
			if (path.matches(regex)) {
				return template;
			}
		}
		throw new AssertionError("No documented path matches " + path);
	}

	static String escape(String pointerToken) {
		return pointerToken.replace("~", "~0").replace("/", "~1");
	}

}
