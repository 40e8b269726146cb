package com.example.backend.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings ({@code app.jwt.*}).
 *
 * @param secret base64 HMAC key of at least 32 bytes ({@code openssl rand -base64 48});
 * when empty a random key is generated at start-up, except in the {@code prod} profile,
 * which refuses to start without one
 * @param issuer the {@code iss} claim written and required
 * @param accessTokenTtl lifetime of access tokens
 * @param refreshTokenTtl lifetime of refresh tokens
 */
@ConfigurationProperties("app.jwt")
public record JwtSettings(String secret, @DefaultValue("reference-backend") String issuer,
		@DefaultValue("15m") Duration accessTokenTtl, @DefaultValue("7d") Duration refreshTokenTtl) {
}
