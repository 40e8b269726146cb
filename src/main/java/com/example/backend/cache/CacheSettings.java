package com.example.backend.cache;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The cache-aside layer ({@code app.cache.*}).
 *
 * @param enabled {@code false} sends every read to PostgreSQL (benchmarks compare both)
 * @param defaultTtl lifetime of an entry whose cache has no entry in {@code ttl}
 * @param ttl lifetime per cache name ({@code app.cache.ttl.post=10m}); the upper bound:
 * each entry lives a random part of {@code jitter} less, so that entries written together
 * do not all expire together
 * @param jitter fraction of the TTL taken off at random (0.1 = up to 10% shorter)
 * @param loadWait how long concurrent readers of a missing key wait for the one reader
 * that loads it before they read the database themselves
 * @param localMaxEntries size bound of the in-process cache (used without Redis)
 * @param signingKey base64 secret that Redis entries are sealed with ({@link EntrySeal});
 * by default the JWT secret
 */
@Validated
@ConfigurationProperties("app.cache")
public record CacheSettings(@DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration defaultTtl,
		@DefaultValue Map<String, Duration> ttl, @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("0.5") double jitter,
		@DefaultValue("2s") Duration loadWait, @DefaultValue("10000") @Min(1) long localMaxEntries, String signingKey) {

	Duration ttlOf(String cacheName) {
		return this.ttl.getOrDefault(cacheName, this.defaultTtl);
	}

}
