package com.example.backend.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Lets the security filter chain answer 401 and 403 exactly like the rest of the API: the
 * exception is handed to Spring MVC's exception resolvers, so the one
 * {@code @RestControllerAdvice} renders it.
 */
@Component
class SecurityProblemHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final HandlerExceptionResolver resolver;

	SecurityProblemHandler(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex) {
		this.resolver.resolveException(request, response, null, ex);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex) {
		this.resolver.resolveException(request, response, null, ex);
	}

	/**
	 * Any other failure inside the security chain (the database down during the token
	 * check): answered like the same failure in a controller (503 + Retry-After), not by
	 * the container's error page.
	 */
	void fail(HttpServletRequest request, HttpServletResponse response, RuntimeException ex) {
		if (this.resolver.resolveException(request, response, null, ex) == null) {
			throw ex;
		}
	}

}
