package com.example.backend.auth;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.servlet.HandlerExceptionResolver;

import com.example.backend.contract.ProblemType;
import com.example.backend.filters.RequestAttributes;
import com.example.backend.errors.ApiException;

/**
 * Spring's CORS check, but a rejected origin gets the API's problem+json 403 instead of
 * the plain text "Invalid CORS request", and the access log names the origin. The page
 * that was rejected cannot read this answer (the browser hides it), so the log line and
 * the developer tools' network tab are where a developer finds out why.
 */
class ProblemCorsProcessor extends DefaultCorsProcessor {

	private final HandlerExceptionResolver problems;

	ProblemCorsProcessor(HandlerExceptionResolver problems) {
		this.problems = problems;
	}

	@Override
	public boolean processRequest(CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		boolean allowed = super.processRequest(config, request, response);
		if (!allowed) {
			String origin = request.getHeader(HttpHeaders.ORIGIN);
			request.setAttribute(RequestAttributes.REJECTED_ORIGIN, origin);
			this.problems.resolveException(request, response, null, new OriginRejected(origin));
		}
		return allowed;
	}

	/** Writes nothing: {@link #processRequest} answers with a problem instead. */
	@Override
	protected void rejectRequest(ServerHttpResponse response) {
	}

	static final class OriginRejected extends ApiException {

		OriginRejected(String origin) {
			super(ProblemType.CORS_ORIGIN_REJECTED,
					"The origin " + origin
							+ " is not on this API's CORS allow-list (app.cors.allowed-origins). Origins must match "
							+ "exactly: http://localhost:5173 and http://127.0.0.1:5173 are different origins.");
		}

	}

}
