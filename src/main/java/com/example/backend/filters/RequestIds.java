package com.example.backend.filters;

import java.util.UUID;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.example.backend.contract.ApiHeaders;

/**
 * The request id rules of the contract: a caller's {@code X-Request-Id} is kept when it
 * is 1-64 characters of {@code [A-Za-z0-9._-]} (safe to echo and to log), otherwise a new
 * one is made.
 */
public final class RequestIds {

	public static final String HEADER = ApiHeaders.REQUEST_ID;

	/** MDC key, so that every log line of a request carries its id. */
	public static final String MDC_KEY = "requestId";

	/**
	 * Request attribute, so that code without MDC access (error rendering) finds the id.
	 */
	public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

	private RequestIds() {
	}

	public static String acceptOrCreate(String incoming) {
		if (incoming != null && isSafe(incoming)) {
			return incoming;
		}
		return UUID.randomUUID().toString();
	}

	// [A-Za-z0-9._-]{1,64}, checked by hand: this runs on every request, and a regex
	// Matcher is an allocation.
	private static boolean isSafe(String id) {
		int length = id.length();
		if (length == 0 || length > 64) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = id.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
					|| c == '-')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The id of this request: taken from the caller or created on the first dispatch (and
	 * echoed in the response header), reused on the async and error dispatches of the
	 * same request.
	 */
	public static String assign(HttpServletRequest request, HttpServletResponse response) {
		String id = of(request);
		if (id == null) {
			id = acceptOrCreate(request.getHeader(HEADER));
			request.setAttribute(ATTRIBUTE, id);
			response.setHeader(HEADER, id);
		}
		return id;
	}

	public static String of(ServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return (id != null) ? id.toString() : null;
	}

}
