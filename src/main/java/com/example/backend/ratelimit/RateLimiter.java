package com.example.backend.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets (Bucket4j) per key: at most {@code maxAttempts} per {@code window},
 * refilled evenly. Buckets live in this JVM, bounded by {@code maxTrackedKeys}; with
 * several replicas each one limits on its own until a Redis-backed variant replaces this.
 * <p>
 * An attempt takes its token before the work is done (rather than failures being counted
 * afterwards), which keeps the limit exact under concurrent attempts.
 */
public final class RateLimiter {

	private final int maxAttempts;

	private final Duration window;

	private final Cache<String, Bucket> buckets;

	public RateLimiter(int maxAttempts, Duration window, long maxTrackedKeys) {
		this.maxAttempts = maxAttempts;
		this.window = window;
		this.buckets = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(maxTrackedKeys).build();
	}

	/** Takes one attempt: 0 when allowed, otherwise the seconds until the next one is. */
	public long tryAcquire(String key) {
		ConsumptionProbe probe = this.buckets.get(key, (newKey) -> newBucket()).tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return 0;
		}
		return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
	}

	/** Forgets the key's history. */
	public void reset(String key) {
		this.buckets.invalidate(key);
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.maxAttempts).refillGreedy(this.maxAttempts, this.window))
			.build();
	}

}
