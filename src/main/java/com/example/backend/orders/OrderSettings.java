package com.example.backend.orders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Order settings ({@code app.orders.*}). An unpaid order holds its stock, so without the
 * last two one user could empty the catalogue by ordering and never paying.
 *
 * @param idempotencyKeyTtl how long an {@code Idempotency-Key} is remembered; a retry
 * after that creates a new order
 * @param maxPendingPerUser how many unpaid (PENDING) orders one user may have at once
 * @param pendingExpiry how long a PENDING order holds its stock before it is cancelled
 */
@Validated
@ConfigurationProperties("app.orders")
public record OrderSettings(@DefaultValue("24h") Duration idempotencyKeyTtl,
		@DefaultValue("10") @Min(1) int maxPendingPerUser, @DefaultValue("30m") Duration pendingExpiry) {
}
