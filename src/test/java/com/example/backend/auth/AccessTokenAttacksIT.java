package com.example.backend.auth;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.io.Decoders;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.Test;

import com.example.backend.support.Api;
import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way of presenting a bad access token ends in the same 401, and never in someone's
 * data.
 */
class AccessTokenAttacksIT extends IntegrationTest {

	private static final SecretKey SERVER_KEY = Keys.hmacShaKeyFor(Decoders.BASE64.decode(JWT_SECRET));

	@Test
	void missingTokenIsUnauthorizedWithBearerChallenge() {
		Response response = this.api.get("/api/v1/users/me");

		response.assertProblem(401, "unauthorized");
		assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
	}

	@Test
	void garbageTokenIsUnauthorized() {
		assertInvalid("not.a.jwt");
		assertInvalid("");
	}

	@Test
	void validTokenPassesAsAControl() {
		Session user = this.api.newUser();
		String forged = token(user.id(), 0, Instant.now().plusSeconds(60), SERVER_KEY, "reference-backend");

		assertThat(this.api.get("/api/v1/users/me", Api.bearer(forged)).status()).isEqualTo(200);
	}

	@Test
	void expiredTokenIsUnauthorized() {
		Session user = this.api.newUser();
		assertInvalid(token(user.id(), 0, Instant.now().minusSeconds(120), SERVER_KEY, "reference-backend"));
	}

	@Test
	void tokenWithoutExpiryIsUnauthorizedEvenWithTheRightKey() {
		Session user = this.api.newUser();
		String neverExpires = Jwts.builder()
			.issuer("reference-backend")
			.subject(Long.toString(user.id()))
			.issuedAt(new Date())
			.claim("tv", 0)
			.signWith(SERVER_KEY, Jwts.SIG.HS256)
			.compact();

		assertInvalid(neverExpires);
	}

	@Test
	void tokenIssuedInTheFutureIsUnauthorizedEvenWithTheRightKey() {
		Session user = this.api.newUser();
		Instant inAYear = Instant.now().plusSeconds(365L * 24 * 3600);
		String fromTheFuture = Jwts.builder()
			.issuer("reference-backend")
			.subject(Long.toString(user.id()))
			.issuedAt(Date.from(inAYear))
			.expiration(Date.from(inAYear.plusSeconds(900)))
			.claim("tv", 0)
			.signWith(SERVER_KEY, Jwts.SIG.HS256)
			.compact();
		String withoutIssuedAt = Jwts.builder()
			.issuer("reference-backend")
			.subject(Long.toString(user.id()))
			.expiration(Date.from(Instant.now().plusSeconds(60)))
			.claim("tv", 0)
			.signWith(SERVER_KEY, Jwts.SIG.HS256)
			.compact();

		assertInvalid(fromTheFuture);
		assertInvalid(withoutIssuedAt);
	}

	@Test
	void tokenSignedWithAnotherKeyIsUnauthorized() {
		Session user = this.api.newUser();
		SecretKey otherKey = Jwts.SIG.HS256.key().build();
		assertInvalid(token(user.id(), 0, Instant.now().plusSeconds(60), otherKey, "reference-backend"));
	}

	@Test
	void tokenFromAnotherIssuerIsUnauthorized() {
		Session user = this.api.newUser();
		assertInvalid(token(user.id(), 0, Instant.now().plusSeconds(60), SERVER_KEY, "someone-else"));
	}

	@Test
	void tamperedPayloadIsUnauthorized() {
		Session victim = this.api.newUser();
		Session attacker = this.api.newUser();
		String[] parts = attacker.accessToken().split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"sub\":\"" + attacker.id() + "\"", "\"sub\":\"" + victim.id() + "\"");
		assertThat(payload).contains("\"sub\":\"" + victim.id() + "\"");

		assertInvalid(parts[0] + "." + base64Url(payload) + "." + parts[2]);
	}

	@Test
	void unsignedAlgNoneTokenIsUnauthorized() {
		Session victim = this.api.newUser();
		long now = Instant.now().getEpochSecond();
		String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
		String payload = base64Url("{\"iss\":\"reference-backend\",\"sub\":\"" + victim.id() + "\",\"iat\":" + now
				+ ",\"exp\":" + (now + 600) + ",\"tv\":0}");

		assertInvalid(header + "." + payload + ".");
	}

	@Test
	void otherAlgorithmWithTheServerKeyIsUnauthorized() {
		Session user = this.api.newUser();
		// The test key has 48 bytes, enough for HS384: the
		// signature is genuine, only the algorithm differs.
		String hs384 = Jwts.builder()
			.issuer("reference-backend")
			.subject(Long.toString(user.id()))
			.expiration(Date.from(Instant.now().plusSeconds(60)))
			.claim("tv", 0)
			.signWith(SERVER_KEY, Jwts.SIG.HS384)
			.compact();

		assertInvalid(hs384);
	}

	@Test
	void tokenOfADeletedUserIsUnauthorized() {
		Session user = this.api.newUser();
		assertThat(this.api.delete("/api/v1/users/" + user.id(), admin().auth()).status()).isEqualTo(204);

		assertInvalid(user.accessToken());
	}

	@Test
	void tokenIssuedBeforeARoleChangeIsUnauthorized() {
		Session user = this.api.newUser();
		assertThat(this.api.put("/api/v1/users/" + user.id() + "/role", Map.of("role", "MODERATOR"), admin().auth())
			.status()).isEqualTo(200);

		assertInvalid(user.accessToken());
		assertThat(this.api.login(user.email(), Api.PASSWORD).accessToken()).isNotBlank();
	}

	private void assertInvalid(String token) {
		Response response = this.api.get("/api/v1/users/me", Api.bearer(token));
		response.assertProblem(401, "unauthorized");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
	}

	private static String token(long userId, int tokenVersion, Instant expiry, SecretKey key, String issuer) {
		return Jwts.builder()
			.issuer(issuer)
			.subject(Long.toString(userId))
			.issuedAt(Date.from(expiry.minusSeconds(900)))
			.expiration(Date.from(expiry))
			.id("test")
			.claim("tv", tokenVersion)
			.signWith(key, Jwts.SIG.HS256)
			.compact();
	}

	private static String base64Url(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
