package com.example.backend.openapi;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import com.example.backend.contract.ApiHeaders;
import com.example.backend.contract.ProblemType;
import com.example.backend.web.AccessToken;
import com.example.backend.web.Responds;

/**
 * Completes each operation of the OpenAPI document from its handler method: a readable
 * operation id, the success status and headers ({@link Responds}), page/size/sort instead
 * of springdoc's opaque {@code pageable} object, and every problem+json answer the
 * operation can give, each with a realistic example. Shared answers follow from the
 * method itself, so that controllers only name what is particular to them:
 * <ul>
 * <li>400 when it takes parameters or a body; 415 and 422 when it takes a body;</li>
 * <li>401 wherever a token is read ({@link AccessToken}: public operations too, since a
 * bad token is rejected wherever it is sent); 403 with {@code @PreAuthorize}; 404 with a
 * path variable;</li>
 * <li>304 for GETs that send an ETag; 429 (the per-client limit), 500 and 503 (with
 * Retry-After) everywhere.</li>
 * </ul>
 */
final class OperationDocumentation implements OperationCustomizer {

	/**
	 * The server's paging limits ({@code spring.data.web.pageable.*}), which the shared
	 * {@code size} parameter states.
	 */
	record PageSizes(int defaultSize, int maxSize) {
	}

	static final String PROBLEM_SCHEMA = "Problem";

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	static final String RESPONSES = "#/components/responses/";

	/** The shared 304 answer's name among the components. */
	static final String NOT_MODIFIED = "not-modified";

	static final String EXAMPLES = "#/components/examples/";

	static final String PARAMETERS = "#/components/parameters/";

	/** The security scheme's name among the components. */
	static final String BEARER = "bearer";

	/** The shared path parameter of single resources. */
	static final String ID = "id";

	/** The shared paging parameters. */
	static final String PAGE = "page";

	static final String SIZE = "size";

	private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"), Map.entry(201, "Created"),
			Map.entry(204, "No content"), Map.entry(304, "Not modified: the If-None-Match ETag is still current"),
			Map.entry(400, "Malformed request: unparseable JSON, a value of the wrong type or a bad query parameter"),
			Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden: the caller's role lacks the permission"),
			Map.entry(404, "Not found, or not yours"), Map.entry(409, "Conflict with the current state"),
			Map.entry(412, "Precondition failed: If-Match is stale"),
			Map.entry(413, "Payload too large: the body exceeds the size this service accepts"),
			Map.entry(415, "Unsupported media type: send application/json"), Map.entry(422, "Well-formed but invalid"),
			Map.entry(428, "Precondition required: send `version` or If-Match"),
			Map.entry(429, "Too many requests: wait for Retry-After seconds"),
			Map.entry(500, "Unexpected error: quote the requestId"),
			Map.entry(503, "Service unavailable (overloaded or database down): retry after Retry-After seconds"));

	private final PageSizes pageSizes;

	OperationDocumentation(PageSizes pageSizes) {
		this.pageSizes = pageSizes;
	}

	@Override
	public Operation customize(Operation operation, HandlerMethod handler) {
		String path = path(handler);
		RequestMethod httpMethod = httpMethod(handler);
		Responds responds = handler.getMethodAnnotation(Responds.class);
		AccessToken.Use token = accessToken(handler);
		operation.setOperationId(operationId(handler));
		operation.setSecurity(securityRequirement(token));
		replacePageable(operation, handler);
		if (operation.getParameters() != null) {
			operation.getParameters().replaceAll(OperationDocumentation::sharedParameter);
		}
		boolean hasBody = operation.getRequestBody() != null;
		boolean hasInput = hasBody || (operation.getParameters() != null && !operation.getParameters().isEmpty());
		Set<String> successHeaders = new LinkedHashSet<>(
				(responds != null) ? List.of(responds.headers()) : List.<String>of());

		ApiResponses responses = operation.getResponses();
		ApiResponse success = success(responses, (responds != null) ? responds.status() : 200);
		String examplePath = path.replace("{id}", "42");
		for (String header : successHeaders) {
			success.addHeaderObject(header,
					header.equals(Responds.Header.LOCATION) ? location(examplePath) : headerRef(header));
		}
		commonHeaders(success);
		if (httpMethod == RequestMethod.GET && successHeaders.contains(Responds.Header.ETAG)) {
			operation.addParametersItem(new Parameter().$ref(PARAMETERS + HttpHeaders.IF_NONE_MATCH));
			responses.addApiResponse("304", new ApiResponse().$ref(RESPONSES + NOT_MODIFIED));
		}

		List<ProblemType> problems = new ArrayList<>();
		if (hasInput) {
			problems.add(ProblemType.MALFORMED_REQUEST);
		}
		if (token != AccessToken.Use.IGNORED) {
			problems.add(ProblemType.UNAUTHORIZED);
		}
		if (isPreAuthorized(handler)) {
			problems.add(ProblemType.FORBIDDEN);
		}
		if (path.contains("{")) {
			problems.add(ProblemType.NOT_FOUND);
		}
		if (hasBody) {
			problems.add(ProblemType.PAYLOAD_TOO_LARGE);
			problems.add(ProblemType.UNSUPPORTED_MEDIA_TYPE);
			problems.add(ProblemType.VALIDATION_FAILED);
		}
		if (responds != null) {
			problems.addAll(List.of(responds.problems()));
		}
		// The per-client API limit (ratelimit/ApiRateLimit) applies to every operation.
		problems.add(ProblemType.TOO_MANY_REQUESTS);
		problems.add(ProblemType.INTERNAL_ERROR);
		problems.add(ProblemType.SERVICE_UNAVAILABLE);
		addProblems(responses, problems);
		return operation;
	}

	private static ApiResponse success(ApiResponses responses, int status) {
		ApiResponse generated = responses.remove("200");
		ApiResponse success = (generated != null) ? generated : new ApiResponse();
		success.setDescription(REASONS.get(status));
		if (status == 204) {
			success.setContent(null);
		}
		responses.addApiResponse(Integer.toString(status), success);
		return success;
	}

	/**
	 * The global requirement (a bearer token) unless the handler says otherwise: an
	 * optional token is "anonymous or bearer", an ignored one "no requirement".
	 */
	private static List<SecurityRequirement> securityRequirement(AccessToken.Use token) {
		return switch (token) {
			case REQUIRED -> null;
			case OPTIONAL -> List.of(new SecurityRequirement(), new SecurityRequirement().addList(BEARER));
			case IGNORED -> List.of();
		};
	}

	private static AccessToken.Use accessToken(HandlerMethod handler) {
		AccessToken onMethod = handler.getMethodAnnotation(AccessToken.class);
		AccessToken onType = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), AccessToken.class);
		AccessToken declared = (onMethod != null) ? onMethod : onType;
		return (declared != null) ? declared.value() : AccessToken.Use.REQUIRED;
	}

	/**
	 * The parameters that many operations share are written once, in
	 * {@code components/parameters}: the conditional headers and the resource id.
	 */
	private static Parameter sharedParameter(Parameter parameter) {
		if ("header".equals(parameter.getIn()) && HttpHeaders.IF_MATCH.equalsIgnoreCase(parameter.getName())) {
			return new Parameter().$ref(PARAMETERS + HttpHeaders.IF_MATCH);
		}
		if ("path".equals(parameter.getIn()) && ID.equals(parameter.getName())) {
			return new Parameter().$ref(PARAMETERS + ID);
		}
		return parameter;
	}

	/**
	 * One answer per status. A status with a single problem type refers to the shared
	 * answer of that type ({@code #/components/responses/<name>}); one with several lists
	 * them, each example a reference to the shared one.
	 */
	private static void addProblems(ApiResponses responses, List<ProblemType> problems) {
		Map<Integer, List<ProblemType>> byStatus = new TreeMap<>();
		for (ProblemType type : new LinkedHashSet<>(problems)) {
			byStatus.computeIfAbsent(type.status().value(), status -> new ArrayList<>()).add(type);
		}
		byStatus.forEach((status, types) -> {
			ApiResponse response = (types.size() == 1) ? new ApiResponse().$ref(RESPONSES + types.get(0).typeName())
					: problemResponse(status, types);
			responses.addApiResponse(Integer.toString(status), response);
		});
	}

	/**
	 * The answer for problems of one status: the shared {@code Problem} schema, the
	 * headers every answer of that status carries, and an example: inline where this is
	 * the shared answer of one type, a reference to each type's shared example where an
	 * operation lists several types under one status.
	 */
	static ApiResponse problemResponse(int status, List<ProblemType> types) {
		MediaType mediaType = new MediaType().schema(new Schema<>().$ref(PROBLEM_SCHEMA));
		if (types.size() == 1) {
			mediaType.setExample(example(types.get(0)).getValue());
		}
		else {
			types.forEach(
					type -> mediaType.addExamples(type.typeName(), new Example().$ref(EXAMPLES + type.typeName())));
		}
		ApiResponse response = new ApiResponse()
			.description(REASONS.get(status) + " ("
					+ String.join(", ", types.stream().map(type -> "`" + type.typeName() + "`").toList()) + ")")
			.content(new Content().addMediaType(PROBLEM_JSON, mediaType));
		commonHeaders(response);
		if (status == 401) {
			response.addHeaderObject(HttpHeaders.WWW_AUTHENTICATE, headerRef(HttpHeaders.WWW_AUTHENTICATE));
		}
		if (status == 429 || status == 503) {
			response.addHeaderObject(HttpHeaders.RETRY_AFTER, headerRef(HttpHeaders.RETRY_AFTER));
		}
		return response;
	}

	/**
	 * The parameters that operations refer to: the resource id, paging, and the
	 * conditional request headers (ETags are short, 200 characters is generous).
	 */
	static Map<String, Parameter> sharedParameters(PageSizes pageSizes) {
		return Map.of(ID, new Parameter().in("path")
			.name(ID)
			.description("The resource's id")
			.required(true)
			.schema(new JsonSchema().types(Set.of("integer")).format("int64").minimum(java.math.BigDecimal.ONE)), PAGE,
				new Parameter().in("query")
					.name(PAGE)
					.description("Zero-based page index; negative values are read as 0")
					.schema(new JsonSchema().types(Set.of("integer"))
						.format("int32")
						._default(0)
						.minimum(java.math.BigDecimal.ZERO)),
				SIZE, sizeParameter(pageSizes.defaultSize(), pageSizes.maxSize()), HttpHeaders.IF_MATCH,
				new Parameter().in("header")
					.name(HttpHeaders.IF_MATCH)
					.description("ETag from GET, e.g. \"3\": the change applies only to that version (412 when stale)")
					.required(false)
					.schema(new JsonSchema().types(Set.of("string")).maxLength(200))
					.example("\"3\""),
				HttpHeaders.IF_NONE_MATCH,
				new Parameter().in("header")
					.name(HttpHeaders.IF_NONE_MATCH)
					.description("ETag of the copy the client holds; 304 when it is still current")
					.required(false)
					.schema(new JsonSchema().types(Set.of("string")).maxLength(200))
					.example("\"3\""));
	}

	private static Parameter sizeParameter(int defaultSize, int maxSize) {
		return new Parameter().in("query")
			.name(SIZE)
			.description("Page size; values above " + maxSize + " are reduced to " + maxSize)
			.schema(new JsonSchema().types(Set.of("integer"))
				.format("int32")
				._default(defaultSize)
				.minimum(java.math.BigDecimal.ONE)
				.maximum(java.math.BigDecimal.valueOf(maxSize)));
	}

	/** The shared 304 answer: no body, the current ETag. */
	static ApiResponse notModified() {
		ApiResponse response = new ApiResponse().description(REASONS.get(304))
			.addHeaderObject(HttpHeaders.ETAG, headerRef(HttpHeaders.ETAG));
		commonHeaders(response);
		return response;
	}

	/** The example of a problem type, as a shared component. */
	static Example example(ProblemType type) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("type", type.uri().toString());
		value.put("title", type.title());
		value.put("status", type.status().value());
		value.put("detail", type.detail());
		value.put("instance", "/api/v1/posts/42");
		value.put("requestId", OpenApiConfiguration.EXAMPLE_REQUEST_ID);
		value.putAll(type.extraMembers());
		return new Example().summary(type.title()).value(value);
	}

	/**
	 * The headers that every answer carries and that the OWASP rules want declared on
	 * each: the CORS header and the API limit. OpenAPI has no way to declare a header
	 * once for all answers, so the others every answer carries ({@code X-Request-Id},
	 * {@code X-RateLimit-Remaining}) are described once, in the document's description.
	 */
	static void commonHeaders(ApiResponse response) {
		for (String name : List.of(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ApiHeaders.RATE_LIMIT_LIMIT)) {
			response.addHeaderObject(name, headerRef(name));
		}
	}

	static Header headerRef(String name) {
		return new Header().$ref("#/components/headers/" + name);
	}

	private static Header location(String examplePath) {
		return new Header().description("Where the new resource lives")
			.required(true)
			.schema(new JsonSchema().types(Set.of("string")).format("uri-reference"))
			.example(examplePath.endsWith("/register") ? "/api/v1/users/42" : examplePath + "/42");
	}

	/**
	 * springdoc shows a {@code Pageable} argument as one required query object; the
	 * server reads three optional parameters.
	 */
	private void replacePageable(Operation operation, HandlerMethod handler) {
		if (operation.getParameters() == null
				|| operation.getParameters().stream().noneMatch(parameter -> "pageable".equals(parameter.getName()))) {
			return;
		}
		PageableDefault defaults = null;
		for (MethodParameter parameter : handler.getMethodParameters()) {
			if (Pageable.class.isAssignableFrom(parameter.getParameterType())) {
				defaults = parameter.getParameterAnnotation(PageableDefault.class);
			}
		}
		String sort = (defaults != null && defaults.sort().length > 0)
				? defaults.sort()[0] + "," + defaults.direction().name().toLowerCase() : null;
		operation.getParameters().removeIf(parameter -> "pageable".equals(parameter.getName()));
		operation.addParametersItem(new Parameter().$ref(PARAMETERS + PAGE));
		operation.addParametersItem((defaults == null || defaults.size() == this.pageSizes.defaultSize())
				? new Parameter().$ref(PARAMETERS + SIZE) : sizeParameter(defaults.size(), this.pageSizes.maxSize()));
		Parameter sortParameter = new Parameter().in("query")
			.name("sort")
			.description("`property,asc` or `property,desc`; only the properties named in the description are "
					+ "sortable (others: 400)")
			.schema(new JsonSchema().types(Set.of("array"))
				.maxItems(5)
				.items(new JsonSchema().types(Set.of("string")).maxLength(100)));
		if (sort != null) {
			sortParameter.example(List.of(sort));
			sortParameter.getSchema()._default(List.of(sort));
		}
		operation.addParametersItem(sortParameter);
	}

	private static boolean isPreAuthorized(HandlerMethod handler) {
		return handler.hasMethodAnnotation(PreAuthorize.class)
				|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
	}

	/** {@code <tag><Method>}, e.g. {@code postsCreate}, {@code authLogin}. */
	private static String operationId(HandlerMethod handler) {
		Tag tag = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), Tag.class);
		String prefix = (tag != null) ? tag.name().toLowerCase() : handler.getBeanType().getSimpleName();
		String name = handler.getMethod().getName();
		return prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
	}

	private static String path(HandlerMethod handler) {
		RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
		RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
		return first(type) + first(method);
	}

	private static RequestMethod httpMethod(HandlerMethod handler) {
		Method method = handler.getMethod();
		RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
		return (mapping != null && mapping.method().length > 0) ? mapping.method()[0] : RequestMethod.GET;
	}

	private static String first(RequestMapping mapping) {
		if (mapping == null) {
			return "";
		}
		String[] paths = (mapping.path().length > 0) ? mapping.path() : mapping.value();
		return (paths.length > 0) ? paths[0] : "";
	}

}
