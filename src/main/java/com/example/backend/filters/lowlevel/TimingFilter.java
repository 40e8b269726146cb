package com.example.backend.filters.lowlevel;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.example.backend.filters.RequestTelemetry;

/**
 * Timing without buffering: {@link TimedResponse} adds {@code X-Response-Time} at the
 * moment the response starts to commit, so the body streams through untouched. The header
 * therefore carries the time to the first byte; the timer and the access log, written
 * when the request ends, carry the full duration. The only per-request allocation is the
 * wrapper itself.
 */
class TimingFilter implements Filter {

	private final RequestTelemetry telemetry;

	TimingFilter(RequestTelemetry telemetry) {
		this.telemetry = telemetry;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		TimedResponse timed = (request.getDispatcherType() == DispatcherType.ASYNC) ? find(servletResponse) : null;
		ServletResponse passed = servletResponse;
		if (timed == null) {
			timed = new TimedResponse((HttpServletResponse) servletResponse, System.nanoTime());
			passed = timed;
		}
		boolean failed = true;
		try {
			chain.doFilter(request, passed);
			failed = false;
		}
		finally {
			if (!request.isAsyncStarted()) {
				timed.stamp(); // no-op when the body already committed it
				this.telemetry.completed(request, failed ? 500 : timed.getStatus(), timed.startNanos());
			}
		}
	}

	/**
	 * On an async dispatch the response is the one the first pass handed on, wrapped
	 * further inside.
	 */
	private static TimedResponse find(ServletResponse response) {
		ServletResponse current = response;
		while (current instanceof ServletResponseWrapper wrapper) {
			if (current instanceof TimedResponse timed) {
				return timed;
			}
			current = wrapper.getResponse();
		}
		return null;
	}

}
