package com.example.backend.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.example.backend.contract.ApiHeaders;
import com.example.backend.contract.ProblemType;

/**
 * What an operation answers beyond the conventions that every operation shares. The
 * OpenAPI document adds the shared answers itself (400 for operations with input, 401,
 * 403 with {@code @PreAuthorize}, 404 with a path variable, 415 and 422 with a body, 500,
 * 503), so a controller method only names what is particular to it: its success status,
 * the headers of its success answer and the problem types its service can raise.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Responds {

	/** The success status: 200, 201 for creations, 204 when there is no body. */
	int status() default 200;

	/** Headers of the success answer (besides X-Request-Id, which every answer has). */
	String[] headers() default {};

	/**
	 * Problem types particular to this operation, e.g. {@link ProblemType#EMAIL_TAKEN}.
	 */
	ProblemType[] problems() default {};

	/** Response header names used in {@link #headers()}. */
	final class Header {

		public static final String LOCATION = "Location";

		public static final String ETAG = "ETag";

		public static final String IDEMPOTENT_REPLAYED = ApiHeaders.IDEMPOTENT_REPLAYED;

		private Header() {
		}

	}

}
