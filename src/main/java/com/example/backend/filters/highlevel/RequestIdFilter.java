package com.example.backend.filters.highlevel;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.backend.filters.FilterOrder;
import com.example.backend.filters.RequestIds;

/**
 * Gives every request an id before anything else runs (security included), so that every
 * response, every log line and every problem+json body carries it. The id leaves the MDC
 * afterwards: Tomcat reuses threads, and a leaked id would mislabel the next request's
 * logs. Async and error dispatches run on other threads (or after this filter returned),
 * so they put the same id back for their own duration.
 */
@Order(FilterOrder.REQUEST_ID)
class RequestIdFilter extends OncePerRequestFilter {

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		MDC.put(RequestIds.MDC_KEY, RequestIds.assign(request, response));
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestIds.MDC_KEY);
		}
	}

}
