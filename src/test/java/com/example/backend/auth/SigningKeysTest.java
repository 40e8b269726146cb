package com.example.backend.auth;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeysTest {

	private static final String STRONG = "FzAzeKOIubTzDSZX9DQ61AOkTctaGGRt5TtIa6pwOOtyn7/MR1TukqPp+ZhvxSBv";

	@Test
	void prodRefusesToStartWithoutASecret() {
		assertThatIllegalStateException().isThrownBy(() -> SigningKeys.resolve(null, true))
			.withMessageContaining("APP_JWT_SECRET");
		assertThatIllegalStateException().isThrownBy(() -> SigningKeys.resolve("  ", true));
	}

	@Test
	void developmentGeneratesARandomKey() {
		assertThat(SigningKeys.resolve(null, false).getEncoded()).hasSizeGreaterThanOrEqualTo(32)
			.isNotEqualTo(SigningKeys.resolve(null, false).getEncoded());
	}

	@Test
	void refusesShortRepetitiveOrUndecodableSecretsInEveryProfile() {
		String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
		String placeholder = Base64.getEncoder().encodeToString("a".repeat(48).getBytes());
		for (boolean production : new boolean[] { true, false }) {
			assertThatIllegalStateException().isThrownBy(() -> SigningKeys.resolve(shortKey, production));
			assertThatIllegalStateException().isThrownBy(() -> SigningKeys.resolve(placeholder, production));
			assertThatIllegalStateException().isThrownBy(() -> SigningKeys.resolve("not base64 !!", production));
		}
	}

	@Test
	void acceptsAStrongSecret() {
		assertThat(SigningKeys.resolve(STRONG, true).getEncoded()).isEqualTo(Base64.getDecoder().decode(STRONG));
	}

}
