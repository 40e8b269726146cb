package com.example.backend.cache;

import java.time.Duration;
import java.util.Collection;

/**
 * Where entries live: Redis (shared by all instances) or this JVM. Values are opaque
 * bytes (JSON written by {@link CacheAside}), so both stores behave alike.
 * <p>
 * Every key has a generation that each eviction increments. A reader remembers the
 * generation it saw when it missed, and its {@link #put} succeeds only if no eviction
 * happened since: a value read from the database before a write committed can never be
 * stored after that write's eviction.
 */
interface CacheStore {

	/** The entry (value {@code null} on a miss) and what a later put needs. */
	Lookup get(String key);

	/**
	 * Stores the value unless the key was evicted after {@code lookup}, or the lookup is
	 * older than the generations are kept.
	 */
	void put(String key, byte[] value, Duration ttl, Lookup lookup);

	/** Removes the entries and starts a new generation for each key. */
	void evict(Collection<String> keys);

	/** "redis" or "local", for health and logs. */
	String kind();

	/**
	 * @param value the cached bytes, or {@code null}
	 * @param generation the key's generation when it was read
	 * @param time when it was read, in the store's clock (milliseconds)
	 */
	record Lookup(byte[] value, long generation, long time) {
	}

}
