package com.example.backend.filters;

import org.springframework.core.Ordered;

/**
 * Where the request filters sit in the servlet filter chain, the same for both variants.
 * Both run long before Spring Security (order -100), so that 401 and 403 answers carry a
 * request id and a timing header too. A little room is left above them for Spring Boot's
 * character encoding filter.
 */
public final class FilterOrder {

	public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE + 10;

	/**
	 * Right inside the request id, so that the access log line is written while the MDC
	 * still has it.
	 */
	public static final int TIMING = REQUEST_ID + 1;

	/**
	 * Inside the timing, so that a refused body is logged and timed like any other
	 * answer.
	 */
	public static final int REQUEST_BODY_LIMIT = TIMING + 1;

	private FilterOrder() {
	}

}
