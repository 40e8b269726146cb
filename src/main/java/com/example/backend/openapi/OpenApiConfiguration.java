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
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
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

	/** springdoc's name prefix for the schema of a {@code PagedModel<T>}. */
	private static final String PAGED_MODEL = "PagedModel";

	private static final String DESCRIPTION = """
			Users, posts, products and orders behind JWT bearer authentication.

			* Errors are `application/problem+json` (RFC 9457) with `type` (`urn:problem-type:<name>`), `title`, \
			`status`, `detail`, `instance`, `requestId` and, for 422, `errors: [{field, message}]`. Each \
			operation lists the problem types it can answer with.
			* 401 for a missing, invalid or expired token (also on public endpoints when a bad token is sent); \
			403 when the role lacks the permission (also for another user's profile: the answer is the same \
			whether or not that user exists); 404 for resources that do not exist or belong to someone else.
			* Paging: `?page=0&size=20&sort=property,asc|desc`; `size` is capped at %d (larger values are \
			silently reduced); only the documented properties are sortable (others: 400).
			* Every response has `%s`: the caller's value when it is 1-64 characters of \
			`[A-Za-z0-9._-]`, otherwise a new one; problems repeat it as `requestId`. While the per-client API \
			limit applies, every response also has `%s` and `%s` (requests left in the current window; at 0 \
			the next request gets a 429 with `Retry-After`). The operations list only the headers particular \
			to them, and those that the OWASP rules want on each response.
			* Single resources carry an `ETag`; changes accept `If-Match` (412 when stale), GETs answer 304 to \
			a matching `If-None-Match`.
			* Changing one's own password, or an admin changing one's role, signs the user out everywhere: \
			tokens issued before stop working at once.
			""";

	@Bean
	OpenAPI openApi(OperationDocumentation.PageSizes pageSizes) {
		String description = DESCRIPTION.formatted(pageSizes.maxSize(), ApiHeaders.REQUEST_ID,
				ApiHeaders.RATE_LIMIT_LIMIT, ApiHeaders.RATE_LIMIT_REMAINING);
		return new OpenAPI()
			.info(new Info().title("Reference backend API")
				.version("v1")
				.description(description)
				.contact(new Contact().name("Reference backend team").email("api@example.com"))
				.license(new License().name("Apache 2.0").identifier("Apache-2.0")))
			// Relative, so that the document and Swagger UI work on any host and port.
			.servers(List.of(new Server().url("/")
				.description("The server that serves this document: local development, staging or production")
				.extensions(Map.of("x-internal", false))))
			.components(new Components().addSecuritySchemes(OperationDocumentation.BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("Access token from POST /api/v1/auth/login or /refresh. JWTs follow RFC8725 "
								+ "(JSON Web Token Best Current Practices): the algorithm is pinned (HS256), and "
								+ "issuer, expiry and the user's token version are checked on every request.")))
			.addSecurityItem(new SecurityRequirement().addList(OperationDocumentation.BEARER));
	}

	@Bean
	OperationDocumentation.PageSizes pageSizes(Environment environment) {
		return new OperationDocumentation.PageSizes(
				environment.getRequiredProperty("spring.data.web.pageable.default-page-size", Integer.class),
				environment.getRequiredProperty("spring.data.web.pageable.max-page-size", Integer.class));
	}

	@Bean
	OperationCustomizer operationDocumentation(OperationDocumentation.PageSizes pageSizes) {
		return new OperationDocumentation(pageSizes);
	}

	/**
	 * Runs after springdoc has dropped the schemas it saw no reference to, which is why
	 * the shared components are added here and not in {@link #openApi()}.
	 */
	@Bean
	OpenApiCustomizer sharedComponents(OperationDocumentation.PageSizes pageSizes) {
		Map<String, Object> examples = readExamples();
		return openApi -> {
			Components components = openApi.getComponents();
			headers().forEach(components::addHeaders);
			Set<String> answerOnly = answerOnlySchemas(openApi);
			components.getSchemas().forEach((name, schema) -> {
				if (examples.containsKey(name)) {
					schema.setExample(examples.get(name));
				}
				if (answerOnly.contains(name) && schema.getProperties() != null) {
					schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
				}
			});
			// Added after the loop above: problems have optional members (traceId,
			// errors).
			components.addSchemas(OperationDocumentation.PROBLEM_SCHEMA, problemSchema());
			sharedResponses(openApi);
			OperationDocumentation.sharedParameters(pageSizes).forEach(components::addParameters);
			SchemaBounds.apply(openApi);
			hoistSharedPathParameters(openApi);
			shareSuccessAnswers(openApi);
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
						OperationDocumentation.problemResponse(type.status().value(), List.of(type)));
			}
		}
		for (String name : examples) {
			components.addExamples(name, OperationDocumentation.example(byName.get(name)));
		}
	}

	/**
	 * A success answer that several operations give alike (a post with its ETag, a page
	 * of posts, no content) is written once in {@code components/responses}, named after
	 * its schema: {@code post}, {@code post-page}, {@code no-content}.
	 */
	private static void shareSuccessAnswers(OpenAPI openApi) {
		Map<ApiResponse, List<Map.Entry<ApiResponses, String>>> uses = new LinkedHashMap<>();
		openApi.getPaths()
			.values()
			.forEach(item -> item.readOperations()
				.forEach(operation -> operation.getResponses().forEach((status, response) -> {
					if (status.startsWith("2") && response.get$ref() == null) {
						uses.computeIfAbsent(response, key -> new ArrayList<>())
							.add(Map.entry(operation.getResponses(), status));
					}
				})));
		Components components = openApi.getComponents();
		uses.forEach((response, places) -> {
			String name = successName(response);
			if (places.size() < 2 || name == null || components.getResponses().containsKey(name)) {
				return;
			}
			components.addResponses(name, response);
			places.forEach(place -> place.getKey()
				.addApiResponse(place.getValue(), new ApiResponse().$ref(OperationDocumentation.RESPONSES + name)));
		});
	}

	/** The answer's name after its schema, or null when its schema has no name. */
	private static String successName(ApiResponse response) {
		if (response.getContent() == null) {
			return "no-content";
		}
		String ref = response.getContent().values().iterator().next().getSchema().get$ref();
		if (ref == null) {
			return null;
		}
		String schema = ref.substring(ref.lastIndexOf('/') + 1).replace("Response", "");
		String name = schema.startsWith(PAGED_MODEL) ? schema.substring(PAGED_MODEL.length()) + "Page" : schema;
		return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * A parameter that every operation of a path takes (the id of {@code /posts/{id}}) is
	 * stated once, on the path.
	 */
	private static void hoistSharedPathParameters(OpenAPI openApi) {
		openApi.getPaths().values().forEach(item -> {
			List<Operation> operations = item.readOperations();
			List<Parameter> first = operations.get(0).getParameters();
			if (first == null) {
				return;
			}
			for (Parameter parameter : List.copyOf(first)) {
				boolean everywhere = parameter.get$ref() != null && operations.stream()
					.allMatch(operation -> operation.getParameters() != null
							&& operation.getParameters().contains(parameter));
				if (everywhere) {
					item.addParametersItem(parameter);
					operations.forEach(operation -> {
						operation.getParameters().remove(parameter);
						if (operation.getParameters().isEmpty()) {
							operation.setParameters(null);
						}
					});
				}
			}
		});
	}

	/**
	 * The schemas that only answers use, found by following references from the
	 * operations: answers always carry every property (null where the type says so), so
	 * clients need not check for absence, while requests may leave optional ones out.
	 */
	private static Set<String> answerOnlySchemas(OpenAPI openApi) {
		Set<String> answered = new TreeSet<>();
		Set<String> sent = new TreeSet<>();
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
			if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
				operation.getRequestBody()
					.getContent()
					.values()
					.forEach(media -> collectReferences(media.getSchema(), schemas, sent));
			}
			operation.getResponses()
				.values()
				.stream()
				.filter(response -> response.getContent() != null)
				.forEach(response -> response.getContent()
					.values()
					.forEach(media -> collectReferences(media.getSchema(), schemas, answered)));
		}));
		answered.removeAll(sent);
		return answered;
	}

	@SuppressWarnings("unchecked")
	private static void collectReferences(Schema<?> schema, Map<String, Schema> schemas, Set<String> found) {
		if (schema == null) {
			return;
		}
		if (schema.get$ref() != null) {
			String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
			if (found.add(name)) {
				collectReferences(schemas.get(name), schemas, found);
			}
			return;
		}
		collectReferences(schema.getItems(), schemas, found);
		if (schema.getProperties() != null) {
			schema.getProperties().values().forEach(property -> collectReferences(property, schemas, found));
		}
	}

	private static Map<String, Header> headers() {
		Map<String, Header> headers = new LinkedHashMap<>();
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
		// Not required: absent when the API limit is switched off
		// (app.rate-limit.api.enabled=false), and on
		// answers given before the limit is consulted (a rejected token, an unknown
		// path).
		headers.put(ApiHeaders.RATE_LIMIT_LIMIT, new Header()
			.description("Requests allowed per window (app.rate-limit.api.*): per user with a token, "
					+ "per client address without")
			.required(false)
			.schema(new JsonSchema().types(Set.of("integer")).format("int64").minimum(java.math.BigDecimal.ZERO))
			.example(1200));
		headers.get(ApiHeaders.IDEMPOTENT_REPLAYED).getSchema().setEnum(List.of("true", "false"));
		return headers;
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
