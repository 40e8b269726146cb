package com.example.backend.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling ({@code app.auth.login-throttle.*}): at most {@code maxAttempts} login
 * attempts per email and client IP (successful ones are forgiven), refilled evenly over
 * {@code window}; {@code maxTrackedKeys} bounds the memory used.
 */
@ConfigurationProperties("app.auth.login-throttle")
public record LoginThrottleSettings(@DefaultValue("5") int maxAttempts, @DefaultValue("15m") Duration window,
		@DefaultValue("100000") long maxTrackedKeys) {
}
