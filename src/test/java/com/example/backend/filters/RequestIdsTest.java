package com.example.backend.filters;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

	@Test
	void keepsSafeIds() {
		assertThat(RequestIds.acceptOrCreate("abc-DEF_1.2")).isEqualTo("abc-DEF_1.2");
		assertThat(RequestIds.acceptOrCreate("x".repeat(64))).hasSize(64);
		assertThat(RequestIds.acceptOrCreate("AZaz09._-")).isEqualTo("AZaz09._-");
	}

	@Test
	void replacesMissingTooLongOrUnsafeIds() {
		for (String unsafe : new String[] { null, "", "x".repeat(65), "a b", "a\nb", "ä", "id;drop", "a/b", "a:b",
				"a@b", "[x]", "a`b" }) {
			String id = RequestIds.acceptOrCreate(unsafe);
			assertThat(id).isNotEqualTo(unsafe).matches("[0-9a-f-]{36}");
		}
	}

}
