package com.example.backend.filters.experiment;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import com.example.backend.filters.lowlevel.TimedResponse;

/**
 * One layer of the raw kind: the timing header goes on when the response commits, nothing
 * is buffered.
 */
class LowExperimentFilter implements Filter {

	private final ExperimentWork work;

	LowExperimentFilter(ExperimentWork work) {
		this.work = work;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		long start = System.nanoTime();
		this.work.perform();
		TimedResponse timed = new TimedResponse((HttpServletResponse) response, start);
		chain.doFilter(request, timed);
		timed.stamp();
	}

}
