package com.example.backend.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Registration throttling ({@code app.auth.registration-throttle.*}): at most
 * {@code maxAttempts} registrations per client IP, refilled evenly over {@code window};
 * {@code maxTrackedKeys} bounds the memory used.
 */
@ConfigurationProperties("app.auth.registration-throttle")
public record RegistrationThrottleSettings(@DefaultValue("10") int maxAttempts, @DefaultValue("1h") Duration window,
		@DefaultValue("100000") long maxTrackedKeys) {
}
