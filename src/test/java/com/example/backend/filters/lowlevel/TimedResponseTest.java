package com.example.backend.filters.lowlevel;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header goes on at the last moment headers can change, exactly once, and never after
 * commit.
 */
class TimedResponseTest {

	private static final String HEADER = "X-Response-Time";

	private final MockHttpServletResponse raw = new MockHttpServletResponse();

	private final TimedResponse response = new TimedResponse(this.raw, System.nanoTime());

	@Test
	void stampsJustBeforeTheFirstByteNotWhenTheStreamIsTaken() throws IOException {
		var out = this.response.getOutputStream();
		assertThat(this.raw.getHeader(HEADER)).isNull();

		out.write('{');

		assertThat(this.raw.getHeader(HEADER)).matches("[0-9]+\\.[0-9]{3}");
	}

	@Test
	void stampsOnlyOnce() throws IOException {
		this.response.getOutputStream().write(1);
		String first = this.raw.getHeader(HEADER);

		this.response.getOutputStream().write(new byte[] { 2, 3 });
		this.response.stamp();

		assertThat(this.raw.getHeaders(HEADER)).containsExactly(first);
	}

	@Test
	void stampsBeforeAFlush() throws IOException {
		this.response.flushBuffer();
		assertThat(this.raw.getHeader(HEADER)).isNotNull();
	}

	@Test
	void stampsBeforeSendError() throws IOException {
		this.response.sendError(409);
		assertThat(this.raw.getHeader(HEADER)).isNotNull();
	}

	@Test
	void stampsBeforeSendRedirect() throws IOException {
		this.response.sendRedirect("/elsewhere");
		assertThat(this.raw.getHeader(HEADER)).isNotNull();
	}

	@Test
	void stampsAnEmptyResponseWhenTheChainReturns() {
		this.response.setStatus(204);
		this.response.stamp();
		assertThat(this.raw.getHeader(HEADER)).isNotNull();
	}

	@Test
	void leavesACommittedResponseAlone() throws IOException {
		this.raw.setCommitted(true);
		this.response.stamp();
		assertThat(this.raw.getHeader(HEADER)).isNull();
	}

	@Test
	void stampsAgainAfterAReset() throws IOException {
		this.response.getWriter();
		this.response.reset();
		assertThat(this.raw.getHeader(HEADER)).isNull();

		this.response.getOutputStream().write(1);

		assertThat(this.raw.getHeader(HEADER)).isNotNull();
	}

	@Test
	void passesTheBodyThroughUnbuffered() throws IOException {
		this.response.getOutputStream().write("hello".getBytes());
		assertThat(this.raw.getContentAsString()).isEqualTo("hello");
	}

}
