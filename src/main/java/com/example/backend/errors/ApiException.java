package com.example.backend.errors;

import java.net.URI;

import org.springframework.web.ErrorResponseException;

import com.example.backend.contract.ProblemType;

/**
 * Base of the domain exceptions that map to a 4xx answer. Subclasses are named as facts
 * ({@code EmailAlreadyRegistered}, {@code LastAdminProtected}) and say which problem type
 * and detail the client sees; the type brings status and title.
 * {@link ApiExceptionHandler} adds the request id and renders problem+json.
 */
public abstract class ApiException extends ErrorResponseException {

	protected ApiException(ProblemType type) {
		this(type, type.detail());
	}

	protected ApiException(ProblemType type, String detail) {
		super(type.status(), type.problem(detail), null);
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
