package com.example.backend.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Base of the domain exceptions that map to a 4xx answer. Subclasses are named as facts
 * ({@code EmailAlreadyRegistered}, {@code LastAdminProtected}) and say which status,
 * problem type and detail the client sees; {@link ApiExceptionHandler} adds the request
 * id and renders problem+json.
 */
public abstract class ApiException extends ErrorResponseException {

	protected ApiException(HttpStatus status, String type, String title, String detail) {
		super(status, ProblemTypes.problem(status, type, title, detail), null);
	}

	/** The detail is the message too, so that log lines read well. */
	@Override
	public String getMessage() {
		return getBody().getDetail();
	}

	public URI type() {
		return getBody().getType();
	}

}
