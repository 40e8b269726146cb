package com.example.backend.openapi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * Gives every string a maximum length, every integer a range and a format and every array
 * a maximum size (OWASP API4, "unrestricted resource consumption"), so that clients and
 * gateways can validate before sending. The facts live on the types: Bean Validation on
 * requests ({@code @Size}, {@code @Max}, which springdoc reads) and {@code @Schema} on
 * responses (the lengths of the database columns, ids from 1). What no type states gets a
 * general bound here, never decided by a name: strings of free text, integers from 0 to
 * the largest value of their format, and array sizes.
 */
final class SchemaBounds {

	/** Strings the types leave unbounded: free text of no particular column. */
	private static final int DEFAULT_MAX_LENGTH = 1000;

	/** Arrays the types leave unbounded: at most a page. */
	private static final int DEFAULT_MAX_ITEMS = 100;

	private static final BigDecimal INT32_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

	private static final BigDecimal INT64_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

	private SchemaBounds() {
	}

	static void apply(OpenAPI openApi) {
		openApi.getComponents().getSchemas().values().forEach(SchemaBounds::bound);
		openApi.getComponents().getHeaders().values().forEach(header -> bound(header.getSchema()));
		openApi.getComponents().getParameters().values().forEach(parameter -> bound(parameter.getSchema()));
		openApi.getPaths().values().forEach(item -> item.readOperations().forEach(SchemaBounds::bound));
	}

	private static void bound(Operation operation) {
		if (operation.getParameters() != null) {
			for (Parameter parameter : operation.getParameters()) {
				bound(parameter.getSchema());
			}
		}
		if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
			operation.getRequestBody().getContent().values().forEach(media -> bound(media.getSchema()));
		}
		for (ApiResponse response : operation.getResponses().values()) {
			if (response.getHeaders() != null) {
				for (Header header : response.getHeaders().values()) {
					bound(header.getSchema());
				}
			}
			if (response.getContent() != null) {
				for (MediaType media : response.getContent().values()) {
					bound(media.getSchema());
				}
			}
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void bound(Schema schema) {
		if (schema == null || schema.get$ref() != null) {
			return;
		}
		String type = type(schema);
		// JSON Schema patterns are ECMA-262 regular expressions, which lack \p{ASCII}.
		if (schema.getPattern() != null && schema.getPattern().contains("\\p{ASCII}")) {
			schema.setPattern(schema.getPattern().replace("\\p{ASCII}", "[\\x00-\\x7F]"));
		}
		if ("string".equals(type) && schema.getMaxLength() == null && schema.getEnum() == null) {
			schema.setMaxLength(maxLength(schema.getFormat()));
		}
		if ("integer".equals(type)) {
			if (schema.getFormat() == null) {
				schema.setFormat("int32");
			}
			if (schema.getMinimum() == null) {
				schema.setMinimum(BigDecimal.ZERO);
			}
			if (schema.getMaximum() == null) {
				schema.setMaximum("int64".equals(schema.getFormat()) ? INT64_MAX : INT32_MAX);
			}
		}
		if ("array".equals(type)) {
			if (schema.getMaxItems() == null) {
				schema.setMaxItems(DEFAULT_MAX_ITEMS);
			}
			bound(schema.getItems());
		}
		if (schema.getProperties() != null) {
			((Map<String, Schema>) schema.getProperties()).values().forEach(SchemaBounds::bound);
		}
		if (schema.getAdditionalProperties() instanceof Schema additional) {
			bound(additional);
		}
	}

	private static int maxLength(String format) {
		if ("date-time".equals(format)) {
			return 40;
		}
		if (format != null && format.startsWith("uri")) {
			return 2000;
		}
		return DEFAULT_MAX_LENGTH;
	}

	private static String type(Schema<?> schema) {
		if (schema.getTypes() != null) {
			List<String> types = schema.getTypes().stream().filter(type -> !type.equals("null")).toList();
			return types.isEmpty() ? null : types.get(0);
		}
		return schema.getType();
	}

}
