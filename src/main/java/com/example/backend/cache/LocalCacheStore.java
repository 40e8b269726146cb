package com.example.backend.cache;

import java.time.Duration;
import java.util.Collection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Entries in this JVM (Caffeine), when no Redis is configured: the same rules as
 * {@link RedisCacheStore}, for one instance. With several instances each would keep its
 * own stale copies, which is why {@code prod} requires Redis.
 */
class LocalCacheStore implements CacheStore {

	private static final Duration GENERATION_TTL = Duration.ofMinutes(10);

	private static final long MAX_LOAD_MILLIS = GENERATION_TTL.dividedBy(2).toMillis();

	private final Cache<String, Entry> entries;

	private final Cache<String, Long> generations;

	LocalCacheStore(long maxEntries) {
		this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfter(new PerEntryTtl()).build();
		this.generations = Caffeine.newBuilder().expireAfterWrite(GENERATION_TTL).build();
	}

	@Override
	public Lookup get(String key) {
		Entry entry = this.entries.getIfPresent(key);
		Long generation = this.generations.getIfPresent(key);
		return new Lookup((entry != null) ? entry.value() : null, (generation != null) ? generation : 0, now());
	}

	@Override
	public void put(String key, byte[] value, Duration ttl, Lookup lookup) {
		// compute() locks the key's generation, so an eviction cannot slip in between the
		// check and the write.
		this.generations.asMap().compute(key, (k, generation) -> {
			long current = (generation != null) ? generation : 0;
			if (current == lookup.generation() && now() - lookup.time() <= MAX_LOAD_MILLIS) {
				this.entries.put(key, new Entry(value, ttl.toNanos()));
			}
			return generation;
		});
	}

	@Override
	public void evict(Collection<String> keys) {
		for (String key : keys) {
			this.generations.asMap().compute(key, (k, generation) -> {
				this.entries.invalidate(key);
				return (generation != null) ? generation + 1 : 1;
			});
		}
	}

	@Override
	public String kind() {
		return "local";
	}

	private static long now() {
		return System.nanoTime() / 1_000_000;
	}

	private record Entry(byte[] value, long ttlNanos) {
	}

	private static final class PerEntryTtl implements Expiry<String, Entry> {

		@Override
		public long expireAfterCreate(String key, Entry entry, long currentTime) {
			return entry.ttlNanos();
		}

		@Override
		public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
			return entry.ttlNanos();
		}

		@Override
		public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
