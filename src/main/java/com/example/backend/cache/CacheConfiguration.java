package com.example.backend.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.example.backend.redis.SharedRedis;

/** Redis when it is configured, otherwise entries in this JVM. */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CacheConfiguration.class);

	@Bean
	CacheStore cacheStore(ObjectProvider<SharedRedis> redis, CacheSettings settings) {
		SharedRedis shared = redis.getIfAvailable();
		CacheStore store = (shared != null) ? new RedisCacheStore(shared, EntrySeal.fromSecret(settings.signingKey()))
				: new LocalCacheStore(settings.localMaxEntries());
		log.info("Cache: {}, backed by {}", settings.enabled() ? "on" : "off (app.cache.enabled=false)", store.kind());
		return store;
	}

}
