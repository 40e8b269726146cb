package com.example.backend.filters.lowlevel;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import com.example.backend.filters.RequestIds;

/**
 * Gives every request an id before anything else runs (security included), so that every
 * response, every log line and every problem+json body carries it. The id leaves the MDC
 * afterwards: Tomcat reuses threads, and a leaked id would mislabel the next request's
 * logs. Async and error dispatches put the same id back for their own duration.
 */
class RequestIdFilter implements Filter {

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		MDC.put(RequestIds.MDC_KEY, RequestIds.assign((HttpServletRequest) request, (HttpServletResponse) response));
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

}
