package com.example.backend.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;

import com.example.backend.hashing.Sha256;

/**
 * Token buckets (Bucket4j) per key: at most {@code maxAttempts} per {@code window},
 * refilled evenly. Made by {@link RateLimiters#create}.
 * <p>
 * With Redis configured the buckets live there, so that the limit holds across all
 * instances (a client cannot spread its attempts over replicas). When Redis fails or the
 * circuit breaker is open, each instance counts in a local bucket instead: the limit is
 * then per instance for a while (at most instances x limit), never lifted and never a
 * failed request. Without Redis, local buckets only, bounded by {@code maxTrackedKeys}.
 * <p>
 * An attempt takes its token before the work is done (rather than failures being counted
 * afterwards), which keeps the limit exact under concurrent attempts.
 */
public final class RateLimiter {

	private final int maxAttempts;

	private final BucketConfiguration configuration;

	private final Cache<String, Bucket> localBuckets;

	private final RedisBuckets redisBuckets;

	private final String redisKeyPrefix;

	private final Counter rejections;

	private final Counter fallbacks;

	RateLimiter(int maxAttempts, Duration window, long maxTrackedKeys, RedisBuckets redisBuckets, String redisKeyPrefix,
			Counter rejections, Counter fallbacks) {
		this.maxAttempts = maxAttempts;
		this.configuration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(maxAttempts).refillGreedy(maxAttempts, window))
			.build();
		this.localBuckets = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(maxTrackedKeys).build();
		this.redisBuckets = redisBuckets;
		this.redisKeyPrefix = redisKeyPrefix;
		this.rejections = rejections;
		this.fallbacks = fallbacks;
	}

	/** Takes one attempt: 0 when allowed, otherwise the seconds until the next one is. */
	public long tryAcquire(String key) {
		Decision decision = consume(key);
		return decision.allowed() ? 0 : decision.retryAfterSeconds();
	}

	/** Takes one attempt and tells what is left, for limit headers. */
	public Decision consume(String key) {
		ConsumptionProbe probe = probe(key);
		if (probe.isConsumed()) {
			return new Decision(true, this.maxAttempts, probe.getRemainingTokens(), 0);
		}
		this.rejections.increment();
		long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
		return new Decision(false, this.maxAttempts, 0, retryAfter);
	}

	/** Forgets the key's history. */
	public void reset(String key) {
		this.localBuckets.invalidate(key);
		if (this.redisBuckets != null) {
			this.redisBuckets.remove(redisKey(key));
		}
	}

	private ConsumptionProbe probe(String key) {
		if (this.redisBuckets != null) {
			ConsumptionProbe shared = this.redisBuckets.tryConsume(redisKey(key), this.configuration);
			if (shared != null) {
				return shared;
			}
			this.fallbacks.increment();
		}
		return this.localBuckets
			.get(key, (newKey) -> Bucket.builder().addLimit(this.configuration.getBandwidths()[0]).build())
			.tryConsumeAndReturnRemaining(1);
	}

	/**
	 * Hashed: keys may hold emails and addresses, which need not be readable in Redis.
	 */
	private String redisKey(String key) {
		return this.redisKeyPrefix + Sha256.hex(key);
	}

	/**
	 * @param allowed whether the attempt may go ahead
	 * @param limit attempts per window
	 * @param remaining attempts left right now
	 * @param retryAfterSeconds when refused, the seconds until the next attempt is
	 * allowed
	 */
	public record Decision(boolean allowed, long limit, long remaining, long retryAfterSeconds) {
	}

}
