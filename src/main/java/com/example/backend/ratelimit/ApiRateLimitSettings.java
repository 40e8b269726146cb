package com.example.backend.ratelimit;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The limit on {@code /api/**} per client ({@code app.rate-limit.api.*}): per user when
 * the request carries a valid token, per client address otherwise. {@code capacity}
 * requests at once, refilled evenly over {@code window} (the default: bursts of 1,200 and
 * 20 requests/s sustained, far beyond what a person with a browser or an app sends).
 */
@Validated
@ConfigurationProperties("app.rate-limit.api")
public record ApiRateLimitSettings(@DefaultValue("true") boolean enabled, @DefaultValue("1200") @Min(1) int capacity,
		@DefaultValue("1m") Duration window, @DefaultValue("100000") @Min(1) long maxTrackedKeys) {
}
