package com.example.backend.orders;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Order settings ({@code app.orders.*}).
 *
 * @param idempotencyKeyTtl how long an {@code Idempotency-Key} is remembered; a retry
 * after that creates a new order
 */
@ConfigurationProperties("app.orders")
public record OrderSettings(@DefaultValue("24h") Duration idempotencyKeyTtl) {
}
