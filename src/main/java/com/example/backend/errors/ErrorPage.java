package com.example.backend.errors;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * For filters, which run outside Spring MVC: answers with an {@link ApiException}'s
 * problem through the container's error page, so that it is rendered like every other
 * problem (request id, instance, problem+json).
 */
public final class ErrorPage {

	/** The problem the error page answers with, when a filter has set one. */
	static final String PROBLEM = ErrorPage.class.getName() + ".problem";

	private ErrorPage() {
	}

	public static void send(HttpServletRequest request, HttpServletResponse response, ApiException problem)
			throws IOException {
		request.setAttribute(PROBLEM, problem.getBody());
		response.sendError(problem.getStatusCode().value());
	}

}
