package com.example.backend.contract;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Every problem type the API answers with, each defined once: its name (the last segment
 * of the {@code type} URI, which clients switch on), status, title, the detail the
 * OpenAPI document shows as its example, and example values of the members it adds. Types
 * are URNs rather than links because the API publishes its error vocabulary in the
 * OpenAPI document, not on a web site.
 */
public enum ProblemType {

	MALFORMED_REQUEST("malformed-request", HttpStatus.BAD_REQUEST, "Malformed request",
			"The request body is missing, is not valid JSON, or has a value of the wrong type."),
	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized",
			"The access token is invalid or has expired."),
	INVALID_CREDENTIALS("invalid-credentials", HttpStatus.UNAUTHORIZED, "Invalid credentials",
			"Email or password is wrong."),
	INVALID_REFRESH_TOKEN("invalid-refresh-token", HttpStatus.UNAUTHORIZED, "Invalid refresh token",
			"The refresh token is unknown, expired or revoked. Log in again."),
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden",
			"Your role does not have the permission this operation requires."),
	CORS_ORIGIN_REJECTED("cors-origin-rejected", HttpStatus.FORBIDDEN, "Origin not allowed",
			"The origin http://localhost:5174 is not on this API's CORS allow-list (app.cors.allowed-origins)."),
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found", "Post 42 was not found."),
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed",
			"Method 'PATCH' is not supported."),
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not Acceptable",
			"Acceptable representations: [application/json]."),
	CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict", "The request conflicts with the current state of the data."),
	EMAIL_TAKEN("email-taken", HttpStatus.CONFLICT, "Email already registered",
			"An account with this email address already exists."),
	SKU_TAKEN("sku-taken", HttpStatus.CONFLICT, "SKU already used", "Another product already has this SKU."),
	INSUFFICIENT_STOCK("insufficient-stock", HttpStatus.CONFLICT, "Insufficient stock",
			"Product 3 does not have enough stock for this order.", Map.of("productId", 3)),
	LAST_ADMIN("last-admin", HttpStatus.CONFLICT, "Last administrator",
			"The last ADMIN cannot be demoted or deleted; promote another user first."),
	STALE_VERSION("stale-version", HttpStatus.CONFLICT, "Stale version",
			"The post was changed by someone else; reload it and apply your change again."),
	ILLEGAL_STATUS_TRANSITION("illegal-status-transition", HttpStatus.CONFLICT, "Illegal status transition",
			"An order cannot move from DELIVERED to PAID."),
	ORDER_NOT_CANCELLABLE("order-not-cancellable", HttpStatus.CONFLICT, "Order not cancellable",
			"You can cancel an order only while it is PENDING; it is SHIPPED."),
	TOO_MANY_PENDING_ORDERS("too-many-pending-orders", HttpStatus.CONFLICT, "Too many pending orders",
			"You have 10 unpaid orders, the most one user may have at once; pay or cancel one first."),
	PRECONDITION_FAILED("precondition-failed", HttpStatus.PRECONDITION_FAILED, "Precondition failed",
			"If-Match does not match the current ETag; reload the resource and apply your change again."),
	PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
			"The request body is larger than the 262144 bytes this service accepts."),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
			"Content-Type 'text/plain;charset=UTF-8' is not supported."),
	VALIDATION_FAILED("validation-failed", HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed",
			"One or more fields are invalid.",
			Map.of("errors", List.of(Map.of("field", "title", "message", "must not be blank")))),
	UNKNOWN_PRODUCT("unknown-product", HttpStatus.UNPROCESSABLE_CONTENT, "Unknown product",
			"Product 99 does not exist.", Map.of("productId", 99)),
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused",
			"This Idempotency-Key was already used with a different request body."),
	CURRENT_PASSWORD_MISMATCH("current-password-mismatch", HttpStatus.UNPROCESSABLE_CONTENT,
			"Current password mismatch", "To change your password, give your current password in currentPassword."),
	PRECONDITION_REQUIRED("precondition-required", HttpStatus.PRECONDITION_REQUIRED, "Precondition required",
			"Send the version you edited, as `version` in the body or as an If-Match header, so that concurrent "
					+ "edits cannot silently overwrite each other."),
	TOO_MANY_LOGIN_ATTEMPTS("too-many-login-attempts", HttpStatus.TOO_MANY_REQUESTS, "Too many login attempts",
			"Too many login attempts for this account from your address. Try again in 180 seconds."),
	TOO_MANY_REGISTRATIONS("too-many-registrations", HttpStatus.TOO_MANY_REQUESTS, "Too many registrations",
			"Too many registrations from your address. Try again in 360 seconds."),
	TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
			"Request limit reached. Try again in 3 seconds."),
	TOO_MANY_PASSWORD_CHECKS("too-many-password-checks", HttpStatus.TOO_MANY_REQUESTS, "Too many password checks",
			"Too many wrong current passwords for this account. Try again in 180 seconds."),
	INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
			"An unexpected error occurred. Quote the request id when you report it."),
	SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
			"The service is overloaded or its database is unreachable. Try again shortly.");

	/** What every type URI starts with; the problem's name follows. */
	public static final String URI_PREFIX = "urn:problem-type:";

	private final String typeName;

	private final HttpStatus status;

	private final String title;

	private final String detail;

	private final Map<String, Object> extraMembers;

	ProblemType(String typeName, HttpStatus status, String title, String detail) {
		this(typeName, status, title, detail, Map.of());
	}

	ProblemType(String typeName, HttpStatus status, String title, String detail, Map<String, Object> extraMembers) {
		this.typeName = typeName;
		this.status = status;
		this.title = title;
		this.detail = detail;
		this.extraMembers = extraMembers;
	}

	/** The name clients switch on, e.g. {@code email-taken}. */
	public String typeName() {
		return this.typeName;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	/**
	 * The detail as the document shows it, and as the answer carries it when no other is
	 * given.
	 */
	public String detail() {
		return this.detail;
	}

	/**
	 * Example values of the members this type adds to a problem, e.g. {@code productId}.
	 */
	public Map<String, Object> extraMembers() {
		return this.extraMembers;
	}

	public URI uri() {
		return URI.create(URI_PREFIX + this.typeName);
	}

	/** A problem of this type with its own detail. */
	public ProblemDetail problem() {
		return problem(this.detail);
	}

	/** A problem of this type, with a detail written for this occurrence. */
	public ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, detail);
		problem.setType(uri());
		problem.setTitle(this.title);
		return problem;
	}

	/**
	 * The type of the problems that Spring MVC or the servlet container raise themselves
	 * (405, 415, ...), which come without one; {@code null} for a status the API has no
	 * general type for.
	 */
	public static ProblemType forStatus(int status) {
		return switch (status) {
			case 400 -> MALFORMED_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 409 -> CONFLICT;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 422 -> VALIDATION_FAILED;
			case 429 -> TOO_MANY_REQUESTS;
			case 500 -> INTERNAL_ERROR;
			case 503 -> SERVICE_UNAVAILABLE;
			default -> null;
		};
	}

	/** The type URI for a status, also for one the API has no type of its own for. */
	public static URI uriForStatus(int status) {
		ProblemType type = forStatus(status);
		return (type != null) ? type.uri() : URI.create(URI_PREFIX + "http-" + status);
	}

	/**
	 * A problem for a status alone, as the error page and the servlet container answer
	 * it: the status's type when the API has one, otherwise {@code http-<status>} titled
	 * with the reason phrase.
	 */
	public static ProblemDetail forStatus(HttpStatusCode status, String detail) {
		ProblemType type = forStatus(status.value());
		if (type != null) {
			return type.problem(detail);
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(uriForStatus(status.value()));
		HttpStatus known = HttpStatus.resolve(status.value());
		problem.setTitle((known != null) ? known.getReasonPhrase() : "Error");
		return problem;
	}

}
