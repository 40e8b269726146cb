package com.example.backend.ratelimit;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.example.backend.redis.RedisSettings;
import com.example.backend.redis.SharedRedis;

/**
 * Makes {@link RateLimiter}s: shared through Redis when it is configured, local
 * otherwise. Meters per limiter: {@code ratelimit.rejections} (429s) and
 * {@code ratelimit.fallbacks} (attempts counted locally because Redis could not answer).
 */
@Component
public class RateLimiters {

	private final RedisBuckets redisBuckets;

	private final String keyPrefix;

	private final MeterRegistry meters;

	@Autowired
	RateLimiters(ObjectProvider<SharedRedis> redis, RedisSettings settings, MeterRegistry meters) {
		this(redis.getIfAvailable(), settings.keyPrefix(), meters);
	}

	private RateLimiters(SharedRedis redis, String keyPrefix, MeterRegistry meters) {
		this.redisBuckets = (redis != null) ? new RedisBuckets(redis) : null;
		this.keyPrefix = keyPrefix + "ratelimit:";
		this.meters = meters;
	}

	/** Limiters that count in this JVM only, as without Redis (for unit tests). */
	public static RateLimiters local() {
		return new RateLimiters(null, "", new SimpleMeterRegistry());
	}

	/**
	 * A limiter that counts in this JVM even when Redis is configured: for limits that
	 * protect this instance's own resources (CPU), not the service as a whole.
	 */
	public RateLimiter createLocal(String name, int maxAttempts, Duration window, long maxTrackedKeys) {
		return limiter(name, maxAttempts, window, maxTrackedKeys, null, "");
	}

	/**
	 * A limiter of {@code maxAttempts} per {@code window} for each key.
	 * @param name unique among the limiters; separates their keys in Redis and tags their
	 * meters
	 * @param maxTrackedKeys bound of the local buckets (used without Redis, or while it
	 * is down)
	 */
	public RateLimiter create(String name, int maxAttempts, Duration window, long maxTrackedKeys) {
		// The limit is part of the key: buckets in Redis keep the configuration they were
		// created with, so a changed limit starts new buckets instead of being ignored.
		String redisKeyPrefix = this.keyPrefix + name + ":" + maxAttempts + "/" + window.toSeconds() + "s:";
		return limiter(name, maxAttempts, window, maxTrackedKeys, this.redisBuckets, redisKeyPrefix);
	}

	private RateLimiter limiter(String name, int maxAttempts, Duration window, long maxTrackedKeys,
			RedisBuckets buckets, String redisKeyPrefix) {
		return new RateLimiter(maxAttempts, window, maxTrackedKeys, buckets, redisKeyPrefix,
				Counter.builder("ratelimit.rejections").tag("limiter", name).register(this.meters),
				Counter.builder("ratelimit.fallbacks").tag("limiter", name).register(this.meters));
	}

}
