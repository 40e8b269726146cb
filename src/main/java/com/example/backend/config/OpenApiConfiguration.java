package com.example.backend.config;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 document: bearer scheme, and the problem+json error answers of the
 * contract added to every operation, so that clients see which errors each endpoint can
 * produce and what they look like.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String BEARER = "bearer";

	private static final String PROBLEM = "Problem";

	private static final String DESCRIPTION = """
			Users, posts, products and orders behind JWT bearer authentication.

			* Errors are `application/problem+json` (RFC 9457) with `type` (`urn:problem-type:<name>`), `title`, \
			`status`, `detail`, `instance`, `requestId` and, for 422, `errors: [{field, message}]`.
			* 401 for a missing, invalid or expired token; 403 when the role lacks the permission (also for \
			another user's profile: the answer is the same whether or not that user exists); 404 for resources \
			that do not exist or belong to someone else.
			* Paging: `?page=0&size=20&sort=property,asc|desc`; `size` is capped at 100 (larger values are \
			silently reduced); only the documented properties are sortable (others: 400).
			* Every response has `X-Request-Id`: the caller's value when it is 1-64 characters of \
			`[A-Za-z0-9._-]`, otherwise a new one.
			* Changing one's own password, or an admin changing one's role, signs the user out everywhere: \
			tokens issued before stop working at once.
			""";

	@Bean
	OpenAPI openApi() {
		return new OpenAPI().info(new Info().title("Reference backend API").version("v1").description(DESCRIPTION))
			.components(new Components()
				.addSecuritySchemes(BEARER,
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
				.addSchemas(PROBLEM, problemSchema()))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

	@Bean
	OpenApiCustomizer problemResponses() {
		return openApi -> openApi.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> addProblems(path, method, operation)));
	}

	private static void addProblems(String path, PathItem.HttpMethod method, Operation operation) {
		ApiResponses responses = operation.getResponses();
		boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
		boolean hasBody = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
				|| method == PathItem.HttpMethod.PATCH;
		problem(responses, "400", "Malformed request: unparseable JSON, wrong type, bad query parameter", 400,
				"malformed-request");
		if (secured) {
			problem(responses, "401", "Missing, invalid or expired access token", 401, "unauthorized");
			problem(responses, "403", "The caller's role lacks the permission", 403, "forbidden");
		}
		if (path.contains("{")) {
			problem(responses, "404", "Not found, or not yours", 404, "not-found");
		}
		if (hasBody) {
			problem(responses, "415", "Content type is not application/json", 415, "unsupported-media-type");
			problem(responses, "422", "Validation failed; `errors` lists the fields", 422, "validation-failed");
		}
		problem(responses, "500", "Unexpected error; quote the requestId", 500, "internal-error");
	}

	private static void problem(ApiResponses responses, String code, String description, int status, String type) {
		if (responses.containsKey(code)) {
			return;
		}
		Map<String, Object> example = Map.of("type", "urn:problem-type:" + type, "title", description.split("[;:,]")[0],
				"status", status, "detail", description, "instance", "/api/v1/...", "requestId",
				"3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10");
		MediaType mediaType = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
			.example(example);
		responses.addApiResponse(code, new ApiResponse().description(description)
			.content(new Content().addMediaType("application/problem+json", mediaType)));
	}

	private static Schema<?> problemSchema() {
		ObjectSchema fieldError = new ObjectSchema();
		fieldError.addProperty("field", new StringSchema());
		fieldError.addProperty("message", new StringSchema());
		ObjectSchema problem = new ObjectSchema();
		problem.description("RFC 9457 problem details");
		problem.addProperty("type", new StringSchema().example("urn:problem-type:validation-failed"));
		problem.addProperty("title", new StringSchema());
		problem.addProperty("status", new IntegerSchema());
		problem.addProperty("detail", new StringSchema());
		problem.addProperty("instance", new StringSchema());
		problem.addProperty("requestId", new StringSchema());
		problem.addProperty("traceId", new StringSchema().description("the request's trace, when tracing is on"));
		problem.addProperty("errors", new ArraySchema().items(fieldError));
		return problem;
	}

}
