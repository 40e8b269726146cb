package com.example.backend.contract;

/**
 * The custom header names of the API. Standard ones come from Spring's
 * {@code HttpHeaders}; these are ours, and each is written here only, so that the code
 * that sets a header, the CORS configuration that exposes it and the OpenAPI document
 * that describes it cannot disagree.
 */
public final class ApiHeaders {

	/** The request id: the caller's when valid, otherwise a new one; on every answer. */
	public static final String REQUEST_ID = "X-Request-Id";

	/** Milliseconds the service spent on the request. */
	public static final String RESPONSE_TIME = "X-Response-Time";

	/** A client's key that makes a creation safe to retry. */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/**
	 * {@code true} when an answer replays the first result for the same idempotency key.
	 */
	public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	/** Requests allowed per window of the per-client API limit. */
	public static final String RATE_LIMIT_LIMIT = "X-RateLimit-Limit";

	/** Requests left in the current window of the per-client API limit. */
	public static final String RATE_LIMIT_REMAINING = "X-RateLimit-Remaining";

	private ApiHeaders() {
	}

}
