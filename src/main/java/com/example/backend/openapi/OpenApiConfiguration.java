package com.example.backend.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;

import com.example.backend.contract.ApiHeaders;
import com.example.backend.contract.ProblemType;

/**
 * The OpenAPI 3.1 document at {@code /v3/api-docs}: bearer scheme, every operation's real
 * answers ({@link OperationDocumentation}), the shared {@code Problem} schema and
 * response headers, and realistic examples ({@code openapi/examples.json}). Clients
 * generate code from it, so {@code OpenApiDocumentIT} checks real answers against it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/** The request id that the examples show, in headers and problems alike. */
	static final String EXAMPLE_REQUEST_ID = "3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10";

	private static final String BEARER = "bearer";

	private static final String DESCRIPTION = """
			Users, posts, products and orders behind JWT bearer authentication.

			* Errors are `application/problem+json` (RFC 9457) with `type` (`urn:problem-type:<name>`), `title`, \
			`status`, `detail`, `instance`, `requestId` and, for 422, `errors: [{field, message}]`. Each \
			operation lists the problem types it can answer with.
			* 401 for a missing, invalid or expired token (also on public endpoints when a bad token is sent); \
			403 when the role lacks the permission (also for another user's profile: the answer is the same \
			whether or not that user exists); 404 for resources that do not exist or belong to someone else.
			* Paging: `?page=0&size=20&sort=property,asc|desc`; `size` is capped at 100 (larger values are \
			silently reduced); only the documented properties are sortable (others: 400).
			* Every response has `X-Request-Id`: the caller's value when it is 1-64 characters of \
			`[A-Za-z0-9._-]`, otherwise a new one.
			* Single resources carry an `ETag`; changes accept `If-Match` (412 when stale), GETs answer 304 to \
			a matching `If-None-Match`.
			* Changing one's own password, or an admin changing one's role, signs the user out everywhere: \
			tokens issued before stop working at once.
			""";

	@Bean
	OpenAPI openApi() {
		return new OpenAPI()
			.info(new Info().title("Reference backend API")
				.version("v1")
				.description(DESCRIPTION)
				.contact(new Contact().name("Reference backend team").email("api@example.com"))
				.license(new License().name("Apache 2.0").identifier("Apache-2.0")))
			// Relative, so that the document and Swagger UI work on any host and port.
			.servers(List.of(new Server().url("/")
				.description("The server that serves this document: local development, staging or production")
				.extensions(Map.of("x-internal", false))))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("Access token from POST /api/v1/auth/login or /refresh. JWTs follow RFC8725 "
								+ "(JSON Web Token Best Current Practices): the algorithm is pinned (HS256), and "
								+ "issuer, expiry and the user's token version are checked on every request.")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	@Bean
	OperationCustomizer operationDocumentation() {
		return new OperationDocumentation();
	}

	/**
	 * Runs after springdoc has dropped the schemas it saw no reference to, which is why
	 * the shared components are added here and not in {@link #openApi()}.
	 */
	@Bean
	OpenApiCustomizer sharedComponents() {
		Map<String, Object> examples = readExamples();
		return openApi -> {
			Components components = openApi.getComponents();
			components.addSchemas(OperationDocumentation.PROBLEM_SCHEMA, problemSchema());
			headers().forEach(components::addHeaders);
			components.getSchemas().forEach((name, schema) -> {
				if (examples.containsKey(name)) {
					schema.setExample(examples.get(name));
				}
				if (isResponse(name) && schema.getProperties() != null) {
					schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
				}
			});
			SchemaBounds.apply(openApi);
			sharedResponses(openApi);
		};
	}

	/**
	 * The problem answers and examples that operations refer to, each written once in
	 * {@code components}: only those some operation uses, so that the document lists no
	 * orphans.
	 */
	private static void sharedResponses(OpenAPI openApi) {
		Set<String> responses = new TreeSet<>();
		Set<String> examples = new TreeSet<>();
		openApi.getPaths()
			.values()
			.forEach(item -> item.readOperations()
				.forEach(operation -> operation.getResponses().values().forEach(response -> {
					if (response.get$ref() != null) {
						responses.add(response.get$ref().substring(OperationDocumentation.RESPONSES.length()));
					}
					else if (response.getContent() != null) {
						response.getContent()
							.values()
							.stream()
							.filter(media -> media.getExamples() != null)
							.forEach(media -> media.getExamples()
								.values()
								.stream()
								.filter(example -> example.get$ref() != null)
								.forEach(example -> examples
									.add(example.get$ref().substring(OperationDocumentation.EXAMPLES.length()))));
					}
				})));
		Map<String, ProblemType> byName = new LinkedHashMap<>();
		for (ProblemType type : ProblemType.values()) {
			byName.put(type.typeName(), type);
		}
		Components components = openApi.getComponents();
		for (String name : responses) {
			if (name.equals(OperationDocumentation.NOT_MODIFIED)) {
				components.addResponses(name, OperationDocumentation.notModified());
			}
			else {
				ProblemType type = byName.get(name);
				components.addResponses(name,
						OperationDocumentation.problemResponse(type.status().value(), List.of(type), true));
				examples.add(name);
			}
		}
		for (String name : examples) {
			components.addExamples(name, OperationDocumentation.example(byName.get(name)));
		}
		OperationDocumentation.conditionalHeaders().forEach(components::addParameters);
	}

	/** Answers always carry every property, so clients need not check for absence. */
	private static boolean isResponse(String schemaName) {
		return schemaName.endsWith("Response") || schemaName.startsWith("PagedModel")
				|| Set.of("Author", "Item", "PageMetadata").contains(schemaName);
	}

	private static Map<String, Header> headers() {
		Map<String, Header> headers = new LinkedHashMap<>();
		headers.put(ApiHeaders.REQUEST_ID,
				header("The caller's " + ApiHeaders.REQUEST_ID + " when it is 1-64 characters of [A-Za-z0-9._-], "
						+ "otherwise a new id; the same value as requestId in problems", EXAMPLE_REQUEST_ID));
		headers.put(HttpHeaders.ETAG,
				header("Strong tag of the representation's version; send it as If-Match to change it", "\"3\""));
		headers.put(ApiHeaders.IDEMPOTENT_REPLAYED, header(
				"true when this answer replays the first result for the same " + ApiHeaders.IDEMPOTENCY_KEY, "false"));
		headers.put(HttpHeaders.WWW_AUTHENTICATE,
				header("The bearer challenge; error=\"invalid_token\" when a token was sent but rejected",
						"Bearer realm=\"api\", error=\"invalid_token\""));
		headers.put(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, new Header()
			.description("Present when the request's Origin is on the CORS allow-list (app.cors.allowed-origins); "
					+ "other origins get a 403 problem")
			.required(false)
			.schema(new JsonSchema().types(Set.of("string")).format("uri").maxLength(200))
			.example("http://localhost:5173"));
		Header retryAfter = new Header().description("Seconds to wait before trying again")
			.required(true)
			.schema(new JsonSchema().types(Set.of("integer")).format("int32").minimum(java.math.BigDecimal.ZERO))
			.example(30);
		headers.put(HttpHeaders.RETRY_AFTER, retryAfter);
		// Absent when the API limit is switched off
		// (app.rate-limit.api.enabled=false), and on answers given before
		// the limit is consulted (a rejected token, an unknown path).
		headers.put(ApiHeaders.RATE_LIMIT_LIMIT, rateLimitHeader("Requests allowed per window (app.rate-limit.api.*): "
				+ "per user with a token, per client address without", 1200));
		headers.put(ApiHeaders.RATE_LIMIT_REMAINING, rateLimitHeader(
				"Requests left in the current window; at 0 the next one is a 429 with Retry-After", 1187));
		headers.get(ApiHeaders.IDEMPOTENT_REPLAYED).getSchema().setEnum(List.of("true", "false"));
		headers.get(ApiHeaders.REQUEST_ID).getSchema().setPattern("^[A-Za-z0-9._-]{1,64}$");
		return headers;
	}

	private static Header rateLimitHeader(String description, int example) {
		return new Header().description(description)
			.required(false)
			.schema(new JsonSchema().types(Set.of("integer")).format("int64").minimum(java.math.BigDecimal.ZERO))
			.example(example);
	}

	private static Header header(String description, String example) {
		return new Header().description(description)
			.required(true)
			.schema(new JsonSchema().types(Set.of("string")).maxLength(200))
			.example(example);
	}

	private static Schema<?> problemSchema() {
		JsonSchema fieldError = new JsonSchema();
		fieldError.types(Set.of("object"));
		fieldError.addProperty("field", new JsonSchema().types(Set.of("string")).maxLength(200).example("title"));
		fieldError.addProperty("message",
				new JsonSchema().types(Set.of("string")).maxLength(500).example("must not be blank"));
		fieldError.setRequired(List.of("field", "message"));
		JsonSchema problem = new JsonSchema();
		problem.types(Set.of("object"));
		problem.description("RFC 9457 problem details. Other members (e.g. productId) may be added per type.");
		problem.addProperty("type",
				new JsonSchema().types(Set.of("string"))
					.format("uri")
					.maxLength(200)
					.description(ProblemType.URI_PREFIX + "<name>; clients switch on the name")
					.example(ProblemType.VALIDATION_FAILED.uri().toString()));
		problem.addProperty("title", new JsonSchema().types(Set.of("string")).maxLength(200));
		problem.addProperty("status",
				new JsonSchema().types(Set.of("integer"))
					.format("int32")
					.minimum(java.math.BigDecimal.valueOf(400))
					.maximum(java.math.BigDecimal.valueOf(599)));
		problem.addProperty("detail", new JsonSchema().types(Set.of("string")).maxLength(1000));
		problem.addProperty("instance",
				new JsonSchema().types(Set.of("string")).format("uri-reference").maxLength(2000));
		problem.addProperty("requestId", new JsonSchema().types(Set.of("string")).maxLength(64));
		problem.addProperty("traceId",
				new JsonSchema().types(Set.of("string"))
					.pattern("^[0-9a-f]{32}$")
					.description("the request's trace id (W3C), to find it in the tracing backend"));
		problem.addProperty("errors",
				new JsonSchema().types(Set.of("array"))
					.maxItems(100)
					.items(fieldError)
					.description("422 validation-failed only: the invalid fields"));
		problem.setRequired(List.of("type", "title", "status", "detail", "instance", "requestId"));
		return problem;
	}

	private static Map<String, Object> readExamples() {
		try (InputStream in = new ClassPathResource("openapi/examples.json").getInputStream()) {
			return JsonMapper.shared().readValue(in, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
