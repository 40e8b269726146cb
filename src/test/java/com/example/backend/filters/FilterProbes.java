package com.example.backend.filters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Test-only endpoints and a watcher filter for {@link FilterBehaviourSuite}. The
 * endpoints live under {@code /api/}, so they need a bearer token, which also puts a user
 * id into the access log.
 */
@TestConfiguration(proxyBeanMethods = false)
class FilterProbes {

	static final String BASE = "/api/v1/filter-probe";

	/** Deterministic ASCII, so that a body can be compared as a String. */
	static String body(int size) {
		StringBuilder text = new StringBuilder(size);
		for (int i = 0; i < size; i++) {
			text.append((char) ('a' + (i * 7 + i / 1000) % 26));
		}
		return text.toString();
	}

	@Bean
	MdcWatcher mdcWatcher() {
		return new MdcWatcher();
	}

	/**
	 * Sits outside the request filters (they are ordered after it) and notes any request
	 * id it finds in the MDC before or after the chain: on a pooled thread, that would be
	 * a leak from another request.
	 */
	@Bean
	FilterRegistrationBean<Filter> mdcWatcherFilter(MdcWatcher watcher) {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
			watcher.check("before " + ((HttpServletRequest) request).getRequestURI());
			try {
				chain.doFilter(request, response);
			}
			finally {
				watcher.check("after " + ((HttpServletRequest) request).getRequestURI());
			}
		});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

	static final class MdcWatcher {

		final Queue<String> leaks = new ConcurrentLinkedQueue<>();

		void check(String where) {
			String id = MDC.get(RequestIds.MDC_KEY);
			if (id != null) {
				this.leaks.add(where + ": " + id);
			}
		}

	}

	/** Registered because it is a member of this configuration class (and only then). */
	@RestController
	@RequestMapping(BASE)
	static class ProbeController {

		@GetMapping("/items/{id}")
		Map<String, Object> item(@PathVariable long id) {
			return Map.of("id", id);
		}

		/** What the code inside the request sees in its MDC. */
		@GetMapping("/mdc")
		Map<String, String> mdc() {
			return Map.of("requestId", String.valueOf(MDC.get(RequestIds.MDC_KEY)));
		}

		@GetMapping("/empty")
		ResponseEntity<Void> empty() {
			return ResponseEntity.noContent().build();
		}

		/**
		 * The servlet way to fail, which hands the response to the container's error
		 * page.
		 */
		@GetMapping("/send-error")
		void sendError(HttpServletResponse response) throws IOException {
			response.sendError(409);
		}

		@GetMapping("/large")
		String large(@RequestParam int size) {
			return body(size);
		}

		/**
		 * Written in chunks and flushed along the way, on an async thread, as real
		 * streaming is.
		 */
		@GetMapping("/stream")
		StreamingResponseBody stream(@RequestParam int size) {
			byte[] bytes = body(size).getBytes(StandardCharsets.US_ASCII);
			return (OutputStream out) -> {
				for (int offset = 0; offset < bytes.length; offset += 64 * 1024) {
					out.write(bytes, offset, Math.min(64 * 1024, bytes.length - offset));
					out.flush();
				}
			};
		}

	}

}
