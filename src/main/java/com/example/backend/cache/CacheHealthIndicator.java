package com.example.backend.cache;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import com.example.backend.redis.RedisUnavailable;
import com.example.backend.redis.SharedRedis;

/**
 * {@code cache} in {@code /actuator/health}: always UP, because the service answers from
 * PostgreSQL while Redis is away; the details say where entries live and whether Redis is
 * being called (circuit breaker state). Not part of readiness: taking every instance out
 * of the load balancer because the cache is down would turn a slowdown into an outage.
 */
@Component("cache")
class CacheHealthIndicator implements HealthIndicator {

	private final CacheStore store;

	private final CacheSettings settings;

	private final ObjectProvider<SharedRedis> redis;

	CacheHealthIndicator(CacheStore store, CacheSettings settings, ObjectProvider<SharedRedis> redis) {
		this.store = store;
		this.settings = settings;
		this.redis = redis;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up()
			.withDetail("enabled", this.settings.enabled())
			.withDetail("store", this.store.kind());
		SharedRedis shared = this.redis.getIfAvailable();
		if (shared != null) {
			health.withDetail("redis", ping(shared)).withDetail("redisCircuitBreaker", shared.breakerState());
		}
		return health.build();
	}

	private static String ping(SharedRedis redis) {
		try {
			return "PONG".equals(redis.call((commands) -> commands.ping())) ? "UP" : "DOWN";
		}
		catch (RedisUnavailable ex) {
			return "DOWN (" + ex.getMessage() + ")";
		}
	}

}
