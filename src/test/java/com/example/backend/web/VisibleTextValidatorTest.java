package com.example.backend.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VisibleTextValidatorTest {

	@Test
	void namesPeopleWriteAreVisible() {
		assertThat(VisibleTextValidator.isVisible("Alice Liddell")).isTrue();
		assertThat(VisibleTextValidator.isVisible("Zoë 李 علي")).isTrue();
		// A family emoji: four emoji joined by zero-width joiners.
		assertThat(VisibleTextValidator.isVisible("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67")).isTrue();
	}

	@Test
	void nothingToSeeIsNotAName() {
		assertThat(VisibleTextValidator.isVisible("\u200B")).isFalse();
		assertThat(VisibleTextValidator.isVisible("\u200B\u2060 \u00A0\u3000")).isFalse();
		assertThat(VisibleTextValidator.isVisible("")).isFalse();
	}

	@Test
	void blankIsLeftToNotBlankSoThatAFieldGetsOneError() {
		VisibleTextValidator validator = new VisibleTextValidator();

		assertThat(validator.isValid(" ", null)).isTrue();
		assertThat(validator.isValid(null, null)).isTrue();
		assertThat(validator.isValid("\u200B", null)).isFalse();
	}

	@Test
	void controlAndDirectionCharactersAreRefused() {
		assertThat(VisibleTextValidator.isVisible("a\u0007b")).isFalse();
		assertThat(VisibleTextValidator.isVisible("line\nbreak")).isFalse();
		assertThat(VisibleTextValidator.isVisible("\u202Eevil")).isFalse();
		assertThat(VisibleTextValidator.isVisible("admin\u2066x\u2069")).isFalse();
		assertThat(VisibleTextValidator.isVisible("a\u200Fb")).isFalse();
	}

}
