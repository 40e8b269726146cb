package com.example.backend.auth;

import java.io.StringReader;
import java.time.Instant;
import java.util.Date;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.Decoders;
import io.jsonwebtoken.io.DeserializationException;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tokens written through {@link JwtJson} are byte for byte those jjwt-jackson (on the
 * test class path only) writes, and each side reads the other's: tokens issued before the
 * switch stay valid, and nothing else that reads them sees a difference.
 */
class JwtJsonTest {

	private static final SecretKey KEY = Keys
		.hmacShaKeyFor(Decoders.BASE64.decode("FzAzeKOIubTzDSZX9DQ61AOkTctaGGRt5TtIa6pwOOtyn7/MR1TukqPp+ZhvxSBv"));

	private static final Instant ISSUED = Instant.parse("2026-01-02T03:04:05Z");

	@Test
	void writesTheSameTokensAsJjwtJackson() {
		String ours = token(Jwts.builder().json(JwtJson.SERIALIZER));
		String jjwtJackson = token(Jwts.builder());

		assertThat(ours).isEqualTo(jjwtJackson);
	}

	@Test
	void eachSideReadsTheOthersTokens() {
		Claims readByUs = claims(Jwts.parser().json(JwtJson.DESERIALIZER), token(Jwts.builder()));
		Claims readByJjwtJackson = claims(Jwts.parser(), token(Jwts.builder().json(JwtJson.SERIALIZER)));

		for (Claims claims : new Claims[] { readByUs, readByJjwtJackson }) {
			assertThat(claims.getSubject()).isEqualTo("42");
			assertThat(claims.getIssuer()).isEqualTo("reference-backend");
			assertThat(claims.getIssuedAt()).isEqualTo(Date.from(ISSUED));
			assertThat(claims.get(AccessTokens.TOKEN_VERSION_CLAIM, Integer.class)).isEqualTo(7);
		}
		assertThat(readByUs).isEqualTo(readByJjwtJackson);
	}

	@Test
	void refusesAMemberNamedTwice() {
		assertThatExceptionOfType(DeserializationException.class)
			.isThrownBy(() -> JwtJson.DESERIALIZER.deserialize(new StringReader("{\"sub\":\"1\",\"sub\":\"2\"}")));
	}

	private static String token(JwtBuilder builder) {
		return builder.issuer("reference-backend")
			.subject("42")
			.issuedAt(Date.from(ISSUED))
			.expiration(Date.from(ISSUED.plusSeconds(900)))
			.id("3f1c2a9e-6b1d-4c53-9a55-0d3c2f8e7b10")
			.claim(AccessTokens.TOKEN_VERSION_CLAIM, 7)
			.signWith(KEY, Jwts.SIG.HS256)
			.compact();
	}

	private static Claims claims(JwtParserBuilder parser, String token) {
		return parser.verifyWith(KEY).clock(() -> Date.from(ISSUED)).build().parseSignedClaims(token).getPayload();
	}

}
