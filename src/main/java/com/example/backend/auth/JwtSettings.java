package com.example.backend.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings ({@code app.jwt.*}).
 *
 * @param secret base64 HMAC key of at least 32 bytes ({@code openssl rand -base64 48});
 * when empty a random key is generated at start-up, unless {@code secretRequired}
 * @param secretRequired refuse to start without {@code secret} (set in the {@code prod}
 * profile): tokens signed with a random key die with the process and differ per replica
 * @param issuer the {@code iss} claim written and required
 * @param accessTokenTtl lifetime of access tokens
 * @param refreshTokenTtl lifetime of refresh tokens
 */
@ConfigurationProperties("app.jwt")
public record JwtSettings(String secret, @DefaultValue("false") boolean secretRequired,
		@DefaultValue("reference-backend") String issuer, @DefaultValue("15m") Duration accessTokenTtl,
		@DefaultValue("7d") Duration refreshTokenTtl) {
}
