package com.example.backend.filters.lowlevel;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import com.example.backend.filters.RequestTelemetry;

/**
 * Adds {@code X-Response-Time} at the last moment headers can still change: just before
 * the first body byte, a flush, {@code sendError} or {@code sendRedirect} (Tomcat ignores
 * header changes from then on), or when the filter chain returns without a body. Nothing
 * is buffered; the value is the time to the first byte.
 * <p>
 * {@link #getWriter()} stamps when the writer is taken rather than on its first write:
 * wrapping a {@link PrintWriter} faithfully is a lot of code for a path this JSON API
 * rarely takes, and headers set between taking the writer and writing to it are rare.
 */
public final class TimedResponse extends HttpServletResponseWrapper {

	private final long startNanos;

	private boolean stamped;

	private ServletOutputStream stream;

	public TimedResponse(HttpServletResponse response, long startNanos) {
		super(response);
		this.startNanos = startNanos;
	}

	public long startNanos() {
		return this.startNanos;
	}

	/** Sets the header once, unless the response is already committed. */
	public void stamp() {
		if (!this.stamped) {
			this.stamped = true;
			if (!isCommitted()) {
				setHeader(RequestTelemetry.RESPONSE_TIME_HEADER,
						RequestTelemetry.millis(System.nanoTime() - this.startNanos));
			}
		}
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		if (this.stream == null) {
			this.stream = new StampingOutputStream(super.getOutputStream());
		}
		return this.stream;
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		stamp();
		return super.getWriter();
	}

	@Override
	public void flushBuffer() throws IOException {
		stamp();
		super.flushBuffer();
	}

	@Override
	public void sendError(int status, String message) throws IOException {
		stamp();
		super.sendError(status, message);
	}

	@Override
	public void sendError(int status) throws IOException {
		stamp();
		super.sendError(status);
	}

	// HttpServletResponseWrapper passes each sendRedirect overload
	// straight to the wrapped response, so each one needs the stamp.
	@Override
	public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
		stamp();
		super.sendRedirect(location, status, clearBuffer);
	}

	@Override
	public void sendRedirect(String location) throws IOException {
		stamp();
		super.sendRedirect(location);
	}

	@Override
	public void sendRedirect(String location, int status) throws IOException {
		stamp();
		super.sendRedirect(location, status);
	}

	@Override
	public void sendRedirect(String location, boolean clearBuffer) throws IOException {
		stamp();
		super.sendRedirect(location, clearBuffer);
	}

	/**
	 * A reset before commit drops all headers, ours included; the next commit must set it
	 * again.
	 */
	@Override
	public void reset() {
		super.reset();
		this.stamped = false;
	}

	/**
	 * Passes every call through; only the first write, flush or close stamps the header.
	 */
	private final class StampingOutputStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		StampingOutputStream(ServletOutputStream delegate) {
			this.delegate = delegate;
		}

		@Override
		public void write(int b) throws IOException {
			stamp();
			this.delegate.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			stamp();
			this.delegate.write(bytes, offset, length);
		}

		@Override
		public void write(ByteBuffer buffer) throws IOException {
			stamp();
			this.delegate.write(buffer);
		}

		@Override
		public void flush() throws IOException {
			stamp();
			this.delegate.flush();
		}

		@Override
		public void close() throws IOException {
			stamp();
			this.delegate.close();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

	}

}
