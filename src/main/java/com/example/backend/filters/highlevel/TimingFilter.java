package com.example.backend.filters.highlevel;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

import com.example.backend.filters.FilterOrder;
import com.example.backend.filters.RequestTelemetry;

/**
 * Timing, the convenient way: the whole response body is buffered so that
 * {@code X-Response-Time} can be set after the handler has finished, then the body is
 * copied to the real response. Simple to reason about, but every response is held in
 * memory in full and copied once more.
 * <p>
 * Asynchronous requests (e.g. {@code StreamingResponseBody}) end in a later async
 * dispatch; the buffered body is copied out then, as Spring's own
 * {@code ShallowEtagHeaderFilter} does.
 */
@Order(FilterOrder.TIMING)
class TimingFilter extends OncePerRequestFilter {

	private final RequestTelemetry telemetry;

	TimingFilter(RequestTelemetry telemetry) {
		this.telemetry = telemetry;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BufferedResponse buffered = WebUtils.getNativeResponse(response, BufferedResponse.class);
		if (buffered == null) {
			buffered = new BufferedResponse(response, System.nanoTime());
		}
		boolean failed = true;
		try {
			chain.doFilter(request, isAsyncDispatch(request) ? response : buffered);
			failed = false;
		}
		finally {
			if (!isAsyncStarted(request)) {
				buffered.stamp();
				if (!failed) {
					buffered.copyBodyToResponse();
				}
				this.telemetry.completed(request, failed ? 500 : buffered.getStatus(), buffered.start);
			}
		}
	}

	/**
	 * Tomcat ignores header changes once {@code sendError} or {@code sendRedirect} has
	 * been called, so the header goes on just before those; otherwise after the handler.
	 */
	private static final class BufferedResponse extends ContentCachingResponseWrapper {

		private final long start;

		BufferedResponse(HttpServletResponse response, long start) {
			super(response);
			this.start = start;
		}

		void stamp() {
			setHeader(RequestTelemetry.RESPONSE_TIME_HEADER, RequestTelemetry.millis(System.nanoTime() - this.start));
		}

		@Override
		public void sendError(int status) throws IOException {
			stamp();
			super.sendError(status);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			stamp();
			super.sendError(status, message);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			stamp();
			super.sendRedirect(location);
		}

	}

}
