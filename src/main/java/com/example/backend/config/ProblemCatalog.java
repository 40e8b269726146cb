package com.example.backend.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every problem type the API answers with, as the OpenAPI document shows it: status,
 * title and a detail as the service writes it. Controllers name the types particular to
 * an operation ({@code @Responds(problems = ...)}); the shared ones are added by
 * convention. The document test checks that every problem a real call produced is listed
 * for its operation, so a new exception that is not documented here fails the build.
 */
final class ProblemCatalog {

	record ProblemType(String name, int status, String title, String detail, Map<String, Object> extra) {

		ProblemType(String name, int status, String title, String detail) {
			this(name, status, title, detail, Map.of());
		}

	}

	private static final Map<String, ProblemType> TYPES = new LinkedHashMap<>();

	static {
		add(new ProblemType("malformed-request", 400, "Malformed request",
				"The request body is missing, is not valid JSON, or has a value of the wrong type."));
		add(new ProblemType("unauthorized", 401, "Unauthorized", "The access token is invalid or has expired."));
		add(new ProblemType("invalid-credentials", 401, "Invalid credentials", "Email or password is wrong."));
		add(new ProblemType("invalid-refresh-token", 401, "Invalid refresh token",
				"The refresh token is unknown, expired or revoked. Log in again."));
		add(new ProblemType("forbidden", 403, "Forbidden",
				"Your role does not have the permission this operation requires."));
		add(new ProblemType("not-found", 404, "Not found", "Post 42 was not found."));
		add(new ProblemType("conflict", 409, "Conflict", "The request conflicts with the current state of the data."));
		add(new ProblemType("email-taken", 409, "Email already registered",
				"An account with this email address already exists."));
		add(new ProblemType("sku-taken", 409, "SKU already used", "Another product already has this SKU."));
		add(new ProblemType("insufficient-stock", 409, "Insufficient stock",
				"Product 3 does not have enough stock for this order.", Map.of("productId", 3)));
		add(new ProblemType("last-admin", 409, "Last administrator",
				"The last ADMIN cannot be demoted or deleted; promote another user first."));
		add(new ProblemType("stale-version", 409, "Stale version",
				"The post was changed by someone else; reload it and apply your change again."));
		add(new ProblemType("illegal-status-transition", 409, "Illegal status transition",
				"An order cannot move from DELIVERED to PAID."));
		add(new ProblemType("order-not-cancellable", 409, "Order not cancellable",
				"You can cancel an order only while it is PENDING; it is SHIPPED."));
		add(new ProblemType("too-many-pending-orders", 409, "Too many pending orders",
				"You have 10 unpaid orders, the most one user may have at once; pay or cancel one first."));
		add(new ProblemType("precondition-failed", 412, "Precondition failed",
				"If-Match does not match the current ETag; reload the resource and apply your change again."));
		add(new ProblemType("unsupported-media-type", 415, "Unsupported Media Type",
				"Content-Type 'text/plain;charset=UTF-8' is not supported."));
		add(new ProblemType("validation-failed", 422, "Validation failed", "One or more fields are invalid.",
				Map.of("errors", List.of(Map.of("field", "title", "message", "must not be blank")))));
		add(new ProblemType("unknown-product", 422, "Unknown product", "Product 99 does not exist.",
				Map.of("productId", 99)));
		add(new ProblemType("idempotency-key-reused", 422, "Idempotency key reused",
				"This Idempotency-Key was already used with a different request body."));
		add(new ProblemType("current-password-mismatch", 422, "Current password mismatch",
				"To change your password, give your current password in currentPassword."));
		add(new ProblemType("precondition-required", 428, "Precondition required",
				"Send the version you edited, as `version` in the body or as an If-Match header, so that concurrent "
						+ "edits cannot silently overwrite each other."));
		add(new ProblemType("too-many-login-attempts", 429, "Too many login attempts",
				"Too many login attempts for this account from your address. Try again in 180 seconds."));
		add(new ProblemType("too-many-registrations", 429, "Too many registrations",
				"Too many registrations from your address. Try again in 360 seconds."));
		add(new ProblemType("too-many-requests", 429, "Too many requests",
				"Request limit reached. Try again in 3 seconds."));
		add(new ProblemType("too-many-password-checks", 429, "Too many password checks",
				"Too many wrong current passwords for this account. Try again in 180 seconds."));
		add(new ProblemType("internal-error", 500, "Internal error",
				"An unexpected error occurred. Quote the request id when you report it."));
		add(new ProblemType("service-unavailable", 503, "Service unavailable",
				"The service is overloaded or its database is unreachable. Try again shortly."));
	}

	private ProblemCatalog() {
	}

	private static void add(ProblemType type) {
		TYPES.put(type.name(), type);
	}

	static ProblemType get(String name) {
		ProblemType type = TYPES.get(name);
		if (type == null) {
			throw new IllegalStateException("Problem type '" + name + "' is not in the ProblemCatalog");
		}
		return type;
	}

}
