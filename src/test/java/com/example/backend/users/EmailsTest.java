package com.example.backend.users;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmailsTest {

	@Test
	void trimsAndLowerCasesAsciiLettersOnly() {
		assertThat(Emails.normalize("  Alice.B@Example.COM ")).isEqualTo("alice.b@example.com");
		// Unicode case rules differ between Java, PostgreSQL and locales: not applied.
		assertThat(Emails.normalize("al\u0130ce@example.com")).isEqualTo("al\u0130ce@example.com");
		assertThat(Emails.normalize("J\u00d6RG@example.com")).isEqualTo("j\u00d6rg@example.com");
	}

}
