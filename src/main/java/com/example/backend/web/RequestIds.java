package com.example.backend.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.ServletRequest;

/**
 * The request id rules of the contract: a caller's {@code X-Request-Id} is kept when it is 1-64
 * characters of {@code [A-Za-z0-9._-]} (safe to echo and to log), otherwise a new one is made.
 */
public final class RequestIds {

	public static final String HEADER = "X-Request-Id";

	/** MDC key, so that every log line of a request carries its id. */
	public static final String MDC_KEY = "requestId";

	/** Request attribute, so that code without MDC access (error rendering) finds the id. */
	public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private RequestIds() {
	}

	public static String acceptOrCreate(String incoming) {
		if (incoming != null && SAFE.matcher(incoming).matches()) {
			return incoming;
		}
		return UUID.randomUUID().toString();
	}

	public static String of(ServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return (id != null) ? id.toString() : null;
	}

}
