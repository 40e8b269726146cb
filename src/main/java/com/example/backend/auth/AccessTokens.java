package com.example.backend.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;

import org.springframework.stereotype.Component;

/**
 * Issues and verifies access tokens: HS256 JWTs with {@code sub} (user id), {@code iat},
 * {@code exp}, {@code jti}, {@code iss} and {@code tv}, the user's token version. The
 * algorithm is pinned: a token whose header names anything but HS256 (including
 * {@code none}) is rejected before its claims are used.
 */
@Component
class AccessTokens {

	static final String ALGORITHM = "HS256";

	static final String TOKEN_VERSION_CLAIM = "tv";

	/** Tolerated difference between our clocks and those of other replicas. */
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private final SecretKey key;

	private final JwtSettings settings;

	private final JwtParser parser;

	private final Clock clock;

	AccessTokens(JwtSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.key = SigningKeys.resolve(settings.secret(), settings.secretRequired());
		this.parser = Jwts.parser()
			.json(JwtJson.DESERIALIZER)
			.verifyWith(this.key)
			.requireIssuer(settings.issuer())
			.clock(() -> Date.from(clock.instant()))
			.clockSkewSeconds(CLOCK_SKEW.toSeconds())
			.build();
	}

	IssuedAccessToken issue(long userId, int tokenVersion) {
		Instant now = this.clock.instant();
		Instant expiry = now.plus(this.settings.accessTokenTtl());
		String token = Jwts.builder()
			.json(JwtJson.SERIALIZER)
			.issuer(this.settings.issuer())
			.subject(Long.toString(userId))
			.issuedAt(Date.from(now))
			.expiration(Date.from(expiry))
			.id(UUID.randomUUID().toString())
			.claim(TOKEN_VERSION_CLAIM, tokenVersion)
			.signWith(this.key, Jwts.SIG.HS256)
			.compact();
		return new IssuedAccessToken(token, this.settings.accessTokenTtl().toSeconds());
	}

	/**
	 * Checks signature, algorithm, issuer and expiry; whether the user and token version
	 * still hold is the caller's job. {@code exp} and {@code iat} are required: jjwt
	 * checks them only when present, and a token without {@code exp} would never expire.
	 * An {@code iat} in the future (beyond clock skew) was not issued by this service's
	 * rules, whoever holds the key.
	 */
	VerifiedAccessToken verify(String token) {
		try {
			Jws<Claims> jws = this.parser.parseSignedClaims(token);
			if (!ALGORITHM.equals(jws.getHeader().getAlgorithm())) {
				throw new InvalidAccessToken("unexpected algorithm");
			}
			Claims claims = jws.getPayload();
			Integer tokenVersion = claims.get(TOKEN_VERSION_CLAIM, Integer.class);
			if (claims.getSubject() == null || tokenVersion == null || claims.getExpiration() == null
					|| claims.getIssuedAt() == null) {
				throw new InvalidAccessToken("missing claims");
			}
			if (claims.getIssuedAt().toInstant().isAfter(this.clock.instant().plus(CLOCK_SKEW))) {
				throw new InvalidAccessToken("issued in the future");
			}
			return new VerifiedAccessToken(Long.parseLong(claims.getSubject()), tokenVersion);
		}
		catch (JwtException | IllegalArgumentException ex) {
			throw new InvalidAccessToken(ex.getClass().getSimpleName());
		}
	}

	record IssuedAccessToken(String token, long expiresInSeconds) {
	}

	record VerifiedAccessToken(long userId, int tokenVersion) {
	}

}
