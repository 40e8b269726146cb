package com.example.backend.filters;

/**
 * Request attributes that carry facts from inside the security chain to code that runs
 * outside it. The access log is written after Spring Security has cleared its context, so
 * the user id must travel on the request itself.
 */
public final class RequestAttributes {

	/**
	 * The authenticated user's id (a {@code Long}), set once the bearer token has been
	 * verified.
	 */
	public static final String USER_ID = RequestAttributes.class.getName() + ".userId";

	/**
	 * MDC key of the authenticated user's id, so that every log line written while the
	 * request runs names the user (JSON field {@code userId} in {@code prod}).
	 */
	public static final String USER_ID_MDC_KEY = "userId";

	private RequestAttributes() {
	}

}
