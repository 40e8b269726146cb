package com.example.backend.cache;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.example.backend.redis.RedisSettings;

/**
 * Makes the caches that services read through. A service defines each of its caches once,
 * in its constructor:
 *
 * <pre>
 * this.cache = caches.define("post", 1, PostResponse.class);
 * </pre>
 *
 * Keys are {@code <app.redis.key-prefix>cache:<name>:v<schemaVersion>:<id>}. Bump the
 * schema version whenever the JSON of the type changes incompatibly: old entries are then
 * simply never read again and expire.
 */
@Component
public class Caches {

	private final CacheStore store;

	private final JsonMapper json;

	private final CacheSettings settings;

	private final MeterRegistry meters;

	private final String keyPrefix;

	@Autowired
	Caches(CacheStore store, JsonMapper json, CacheSettings settings, MeterRegistry meters,
			RedisSettings redisSettings) {
		this(store, json, settings, meters, redisSettings.keyPrefix());
	}

	private Caches(CacheStore store, JsonMapper json, CacheSettings settings, MeterRegistry meters, String keyPrefix) {
		this.store = store;
		this.json = json;
		this.settings = settings;
		this.meters = meters;
		this.keyPrefix = keyPrefix;
	}

	/** Caches in this JVM with default settings, as without Redis (for unit tests). */
	public static Caches local() {
		CacheSettings settings = new CacheSettings(true, Duration.ofMinutes(5), Map.of(), 0.1, Duration.ofSeconds(2),
				10_000, null);
		return new Caches(new LocalCacheStore(settings.localMaxEntries()), JsonMapper.shared(), settings,
				new SimpleMeterRegistry(), "");
	}

	public <V> CacheAside<V> define(String name, int schemaVersion, Class<V> type) {
		return new CacheAside<>(name, this.keyPrefix + "cache:" + name + ":v" + schemaVersion + ":", type, this.store,
				this.json, this.settings, this.meters);
	}

}
