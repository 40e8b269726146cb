package com.example.backend.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The version a change is based on, from {@code If-Match} and the body's version: what
 * the header may say, and what makes it unmatchable (a version no resource has).
 */
class ETagsTest {

	private static final long UNMATCHABLE = -1;

	@Test
	void withoutAHeaderTheBodyDecides() {
		assertThat(ETags.expectedVersion(null, null)).isNull();
		assertThat(ETags.expectedVersion(null, 5L)).isEqualTo(5);
	}

	@Test
	void aStrongTagIsTheVersion() {
		assertThat(ETags.expectedVersion("\"7\"", null)).isEqualTo(7);
		assertThat(ETags.expectedVersion(" \"7\" ", 7L)).isEqualTo(7);
		assertThat(ETags.expectedVersion("\"7\", \"7\"", null)).isEqualTo(7);
		assertThat(ETags.expectedVersion(ETags.of(Long.MAX_VALUE), null)).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void theWildcardLeavesItToTheBody() {
		assertThat(ETags.expectedVersion("*", null)).isNull();
		assertThat(ETags.expectedVersion("*", 3L)).isEqualTo(3);
	}

	@Test
	void tagsThatCannotMatchAVersionAreUnmatchable() {
		for (String ifMatch : new String[] { "W/\"7\"", "7", "\"\"", "", "\"abc\"", "\"-1\"", "\"+7\"", "\"7 \"",
				"\"99999999999999999999\"", "\"7\", garbage", "\"7\" garbage", "\"7\", \"8\"", "\"7\", W/\"7\"",
				"\"7" }) {
			assertThat(ETags.expectedVersion(ifMatch, null)).as(ifMatch).isEqualTo(UNMATCHABLE);
		}
	}

	@Test
	void aTagThatContradictsTheBodyIsUnmatchable() {
		assertThat(ETags.expectedVersion("\"7\"", 8L)).isEqualTo(UNMATCHABLE);
	}

}
