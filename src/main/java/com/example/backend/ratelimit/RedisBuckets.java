package com.example.backend.ratelimit;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;

import com.example.backend.redis.RedisUnavailable;
import com.example.backend.redis.SharedRedis;

/**
 * Buckets in the shared Redis, through Bucket4j's Lettuce proxy manager (compare-and-swap
 * on one key per bucket; a key expires once its bucket would be full again). Every call
 * goes through the Redis circuit breaker.
 */
class RedisBuckets {

	private final SharedRedis redis;

	private volatile ProxyManager<String> buckets;

	RedisBuckets(SharedRedis redis) {
		this.redis = redis;
	}

	/** The probe, or {@code null} when Redis cannot answer now. */
	ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
		try {
			return this.redis
				.guard(() -> buckets().builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1));
		}
		catch (RedisUnavailable ex) {
			return null;
		}
	}

	void remove(String key) {
		try {
			this.redis.guard(() -> {
				buckets().removeProxy(key);
				return null;
			});
		}
		catch (RedisUnavailable ex) {
			// The bucket refills on its own; forgetting it is a courtesy, not a rule.
		}
	}

	private ProxyManager<String> buckets() {
		// Built on first use, over the one connection SharedRedis opens then. Two threads
		// may both build one at first; either serves, as both use that connection.
		ProxyManager<String> current = this.buckets;
		if (current == null) {
			current = Bucket4jLettuce.casBasedBuilder(this.redis.connection())
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build();
			this.buckets = current;
		}
		return current;
	}

}
