package com.example.backend.filters.experiment;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import com.example.backend.filters.RequestTelemetry;

/**
 * One layer of the convenient kind: buffer the body, set a timing header after the
 * handler, copy.
 */
class HighExperimentFilter extends OncePerRequestFilter {

	private final ExperimentWork work;

	HighExperimentFilter(ExperimentWork work) {
		this.work = work;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		this.work.perform();
		ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
		chain.doFilter(request, buffered);
		buffered.setHeader(RequestTelemetry.RESPONSE_TIME_HEADER, RequestTelemetry.millis(System.nanoTime() - start));
		buffered.copyBodyToResponse();
	}

}
