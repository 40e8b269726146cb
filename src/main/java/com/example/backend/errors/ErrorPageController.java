package com.example.backend.errors;

import java.net.URI;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Hidden;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.backend.contract.ProblemType;
import com.example.backend.filters.RequestIds;

/**
 * Replaces Spring Boot's error page: what reaches the servlet container's error dispatch
 * (a failure outside Spring MVC, or a status set by the container) is answered as
 * problem+json with the request id, like everything else. The original request's path is
 * the {@code instance}. Calling {@code /error} directly is a 404: it is no resource.
 */
@RestController
@Hidden
class ErrorPageController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ErrorPageController.class);

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (request.getDispatcherType() != DispatcherType.ERROR || !(code instanceof Integer)) {
			return respond(ProblemType.NOT_FOUND.problem("No resource at " + request.getRequestURI() + "."),
					request.getRequestURI(), request);
		}
		Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		String path = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
		HttpStatus status = HttpStatus.resolve((Integer) code);
		if (failure != null && DatabaseFailures.isUnavailable(failure)) {
			log.warn("Database unavailable on {}: {}", path, failure.getMessage());
			HttpHeaders retryAfter = new HttpHeaders();
			retryAfter.set(HttpHeaders.RETRY_AFTER, "1");
			return respond(ProblemType.SERVICE_UNAVAILABLE.problem(), path, request, retryAfter);
		}
		if (status == null || status.is5xxServerError()) {
			log.error("Unexpected error on {} (requestId {})", path, RequestIds.of(request), failure);
			return respond(ProblemType.INTERNAL_ERROR.problem(), path, request);
		}
		if (request.getAttribute(ErrorPage.PROBLEM) instanceof ProblemDetail problem) {
			return respond(problem, path, request);
		}
		return respond(ProblemType.forStatus(status, status.getReasonPhrase() + "."), path, request);
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, String path,
			HttpServletRequest request) {
		return respond(problem, path, request, HttpHeaders.EMPTY);
	}

	private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, String path, HttpServletRequest request,
			HttpHeaders headers) {
		try {
			problem.setInstance(URI.create(path));
		}
		catch (IllegalArgumentException ex) {
			// A path the container accepted but java.net.URI does not: leave it out.
		}
		problem.setProperty("requestId", RequestIds.of(request));
		return ResponseEntity.status(problem.getStatus())
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
