package com.example.backend.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

import com.example.backend.contract.ProblemType;

import com.example.backend.errors.ApiException;

/**
 * Refuses a query string that is not well-formed percent-encoded UTF-8 with a 400 before
 * any parameter is read. Otherwise Tomcat fails on the first {@code getParameter} and
 * Spring Data on a {@code sort} like {@code %}, both with exceptions that look like bugs
 * (500).
 */
class QueryStringCheck implements HandlerInterceptor {

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		String query = request.getQueryString();
		if (query != null && !isWellFormed(query)) {
			throw new MalformedQuery();
		}
		// Spring Data percent-decodes sort values a second time.
		String[] sorts = (query != null) ? request.getParameterValues("sort") : null;
		if (sorts != null) {
			for (String sort : sorts) {
				if (!isWellFormed(sort)) {
					throw new MalformedQuery();
				}
			}
		}
		return true;
	}

	static boolean isWellFormed(String query) {
		if (query.indexOf('%') < 0) {
			// Nothing is encoded (the common case, on every request with a query string):
			// plain ASCII without NUL is well-formed, no buffer and no decoder needed.
			for (int i = 0; i < query.length(); i++) {
				char c = query.charAt(i);
				if (c == 0 || c > 0x7F) {
					return false;
				}
			}
			return true;
		}
		ByteBuffer bytes = ByteBuffer.allocate(query.length());
		for (int i = 0; i < query.length(); i++) {
			char c = query.charAt(i);
			if (c == '%') {
				if (i + 2 >= query.length()) {
					return false;
				}
				int high = Character.digit(query.charAt(i + 1), 16);
				int low = Character.digit(query.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return false;
				}
				bytes.put((byte) ((high << 4) + low));
				i += 2;
			}
			else if (c > 0x7F) {
				return false; // a raw non-ASCII character: not what a client encodes
			}
			else {
				bytes.put((byte) c);
			}
		}
		bytes.flip();
		try {
			String decoded = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes)
				.toString();
			return decoded.indexOf('\0') < 0;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	static final class MalformedQuery extends ApiException {

		MalformedQuery() {
			super(ProblemType.MALFORMED_REQUEST, "The query string is not valid percent-encoded UTF-8.");
		}

	}

}
