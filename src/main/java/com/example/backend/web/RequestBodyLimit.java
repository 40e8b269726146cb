package com.example.backend.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

import com.example.backend.contract.ProblemType;

import com.example.backend.errors.ApiException;
import com.example.backend.errors.ErrorPage;

/**
 * Refuses a request body larger than {@code app.request-body.max-size} with 413 before it
 * is read into memory, whatever the endpoint or content type. Without it one anonymous
 * request with a body of a few hundred megabytes fills the heap: Jackson reads a whole
 * string before Bean Validation can reject its length.
 * <p>
 * A body with a {@code Content-Length} over the limit is refused without reading a byte
 * (Tomcat then closes the connection rather than swallow the rest). A chunked body has no
 * length up front, so its stream is counted and fails with {@link RequestBodyTooLarge} at
 * the first byte past the limit; {@link ApiExceptionHandler} answers 413 for it. Form
 * bodies, which Tomcat parses itself, are bounded by
 * {@code server.tomcat.max-http-form-post-size}, set to the same limit.
 */
public final class RequestBodyLimit implements Filter {

	private final long maxBytes;

	RequestBodyLimit(RequestBodySettings settings) {
		this.maxBytes = settings.maxSize().toBytes();
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			ErrorPage.send(request, (HttpServletResponse) servletResponse, new RequestBodyTooLarge(this.maxBytes));
			return;
		}
		// Only a chunked body can be longer than it said: Tomcat never reads past a
		// Content-Length.
		boolean chunked = declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
		chain.doFilter(chunked ? new LimitedRequest(request, this.maxBytes) : request, servletResponse);
	}

	/**
	 * Thrown while reading a chunked body, at the first byte past the limit; also the
	 * problem the error page answers for a declared length over it.
	 */
	static final class RequestBodyTooLarge extends ApiException {

		RequestBodyTooLarge(long maxBytes) {
			super(ProblemType.PAYLOAD_TOO_LARGE,
					"The request body is larger than the " + maxBytes + " bytes this service accepts.");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.maxBytes);
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int next = this.delegate.read();
			if (next >= 0) {
				count(1);
			}
			return next;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			this.read += n;
			if (this.read > this.maxBytes) {
				throw new RequestBodyTooLarge(this.maxBytes);
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
