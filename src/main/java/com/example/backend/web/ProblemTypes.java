package com.example.backend.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Problem {@code type} URIs. They are URNs rather than links because the API publishes
 * its error vocabulary in the OpenAPI document, not on a web site; clients switch on the
 * last segment.
 */
public final class ProblemTypes {

	public static final String PREFIX = "urn:problem-type:";

	private ProblemTypes() {
	}

	/**
	 * Names for the problems Spring MVC raises itself (405, 415, ...), which come without
	 * a type.
	 */
	static String forStatus(int status) {
		return switch (status) {
			case 400 -> "malformed-request";
			case 401 -> "unauthorized";
			case 403 -> "forbidden";
			case 404 -> "not-found";
			case 405 -> "method-not-allowed";
			case 406 -> "not-acceptable";
			case 409 -> "conflict";
			case 413 -> "payload-too-large";
			case 415 -> "unsupported-media-type";
			case 422 -> "validation-failed";
			case 429 -> "too-many-requests";
			case 500 -> "internal-error";
			case 503 -> "service-unavailable";
			default -> "http-" + status;
		};
	}

	/**
	 * A problem of this API: status, type name, title and a detail written for clients.
	 */
	static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(uri(type));
		problem.setTitle(title);
		return problem;
	}

	public static URI uri(String name) {
		return URI.create(PREFIX + name);
	}

}
