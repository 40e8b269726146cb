package com.example.backend.users;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Current-password checks ({@code app.users.password-check-throttle.*}): at most
 * {@code maxAttempts} per account, refilled evenly over {@code window}, the same budget
 * as a login; {@code maxTrackedKeys} bounds the memory used.
 */
@ConfigurationProperties("app.users.password-check-throttle")
public record PasswordCheckThrottleSettings(@DefaultValue("5") int maxAttempts, @DefaultValue("15m") Duration window,
		@DefaultValue("100000") long maxTrackedKeys) {
}
