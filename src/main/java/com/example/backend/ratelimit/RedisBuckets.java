package com.example.backend.ratelimit;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;

import com.example.backend.redis.RedisUnavailable;
import com.example.backend.redis.SharedRedis;

/**
 * Buckets in the shared Redis, through Bucket4j's Lettuce proxy manager (compare-and-swap
 * on one key per bucket; a key expires once its bucket would be full again). Every call
 * goes through the Redis circuit breaker.
 */
class RedisBuckets {

	private final SharedRedis redis;

	private volatile Proxies proxies;

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
		StatefulRedisConnection<String, byte[]> connection = this.redis.connection();
		Proxies current = this.proxies;
		if (current == null || current.connection() != connection) {
			current = new Proxies(connection, Bucket4jLettuce.casBasedBuilder(connection)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
				.build());
			this.proxies = current;
		}
		return current.buckets();
	}

	/** The proxy manager is bound to one connection; a new connection needs a new one. */
	private record Proxies(StatefulRedisConnection<String, byte[]> connection, ProxyManager<String> buckets) {
	}

}
