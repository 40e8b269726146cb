package com.example.backend.redis;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the application uses the shared Redis ({@code app.redis.*}); where it is comes from
 * Spring Boot's {@code spring.data.redis.*}.
 *
 * @param keyPrefix starts every key this application writes, so that several applications
 * (or test runs) can share one Redis
 * @param circuitBreaker when to stop calling a failing Redis, and for how long
 */
@Validated
@ConfigurationProperties("app.redis")
public record RedisSettings(@DefaultValue("reference-backend:") @NotBlank String keyPrefix,
		@DefaultValue @Valid CircuitBreaker circuitBreaker) {

	/**
	 * Resilience4j's count-based breaker: it opens when {@code failureRatePercent} of the
	 * last {@code window} calls failed (once at least {@code minimumCalls} were made),
	 * stays open for {@code openFor} (no Redis call at all), then lets {@code probeCalls}
	 * calls through to decide whether to close again.
	 */
	public record CircuitBreaker(@DefaultValue("50") @Min(1) @Max(100) int failureRatePercent,
			@DefaultValue("20") @Min(1) int window, @DefaultValue("10") @Min(1) int minimumCalls,
			@DefaultValue("5s") Duration openFor, @DefaultValue("3") @Min(1) int probeCalls) {
	}

}
