package com.example.backend.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.example.backend.cache.CacheStore.Lookup;
import com.example.backend.redis.RedisUnavailable;

/**
 * One cache of values of type {@code V} (DTO records, stored as JSON), read aside: look
 * up the key; on a miss load from the database and store the result for the cache's TTL.
 * Made by {@link Caches#define}.
 * <ul>
 * <li><b>One loader per key</b>: concurrent readers of a missing key wait (at most
 * {@code app.cache.load-wait}) for the first one's result instead of all querying the
 * database.</li>
 * <li><b>Evictions after commit</b>: {@link #evictAfterCommit} runs when the surrounding
 * transaction commits, never before (a reader in between would store the old row again)
 * and not at all on rollback, all caches' keys of a transaction in one call
 * ({@link EvictionsAtCommit}); a value loaded before the eviction is not stored after it
 * (see {@link CacheStore}).</li>
 * <li><b>Fail-open</b>: a store error is counted and logged, and the read goes to the
 * database; it never fails the request.</li>
 * </ul>
 * Meters, tagged with the cache name: {@code cache.gets} (result hit/miss),
 * {@code cache.errors}, {@code cache.loads} (timer of database loads).
 * <p>
 * Hand-written rather than Spring's cache abstraction because no Spring cache guards a
 * put against an eviction made while the value was loading, and its one-loader mode
 * ({@code sync = true}) has no bounded wait (docs/adr/0001-hand-written-cache-aside.md).
 */
public final class CacheAside<V> {

	private static final Logger log = LoggerFactory.getLogger(CacheAside.class);

	private final String name;

	private final String keyPrefix;

	private final Class<V> type;

	private final CacheStore store;

	private final JsonMapper json;

	private final CacheSettings settings;

	private final Duration ttl;

	private final ConcurrentMap<String, CompletableFuture<Optional<V>>> loading = new ConcurrentHashMap<>();

	private final Counter hits;

	private final Counter misses;

	private final Counter errors;

	private final Timer loads;

	CacheAside(String name, String keyPrefix, Class<V> type, CacheStore store, JsonMapper json, CacheSettings settings,
			MeterRegistry meters) {
		this.name = name;
		this.keyPrefix = keyPrefix;
		this.type = type;
		this.store = store;
		this.json = json;
		this.settings = settings;
		this.ttl = settings.ttlOf(name);
		this.hits = Counter.builder("cache.gets").tag("cache", name).tag("result", "hit").register(meters);
		this.misses = Counter.builder("cache.gets").tag("cache", name).tag("result", "miss").register(meters);
		this.errors = Counter.builder("cache.errors")
			.description("Cache store failures (each one served from the database)")
			.tag("cache", name)
			.register(meters);
		this.loads = Timer.builder("cache.loads")
			.description("Database loads after a miss")
			.tag("cache", name)
			.register(meters);
	}

	/**
	 * The cached value, or else what {@code loader} reads from the database (stored when
	 * present). Absence is not cached.
	 */
	public Optional<V> get(Object id, Supplier<Optional<V>> loader) {
		if (!this.settings.enabled()) {
			return loader.get();
		}
		String key = key(id);
		Lookup lookup = lookup(key);
		if (lookup != null && lookup.value() != null) {
			V cached = decode(lookup.value());
			if (cached != null) {
				this.hits.increment();
				return Optional.of(cached);
			}
		}
		this.misses.increment();
		return loadOnce(key, lookup, loader);
	}

	/** Evicts the entries when the current transaction commits (at once without one). */
	public void evictAfterCommit(Object... ids) {
		evictAfterCommit(List.of(ids));
	}

	/** Evicts the entries when the current transaction commits (at once without one). */
	public void evictAfterCommit(Collection<?> ids) {
		if (!this.settings.enabled() || ids.isEmpty()) {
			return;
		}
		List<String> keys = ids.stream().map(this::key).toList();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			EvictionsAtCommit.add(this.store, this, keys);
		}
		else {
			evict(keys);
		}
	}

	/**
	 * The first reader of a missing key loads it; the others wait for that result. A
	 * waiter that gives up (or sees the load fail) reads the database itself, so a slow
	 * loader delays others by at most the load wait.
	 */
	private Optional<V> loadOnce(String key, Lookup lookup, Supplier<Optional<V>> loader) {
		CompletableFuture<Optional<V>> mine = new CompletableFuture<>();
		CompletableFuture<Optional<V>> running = this.loading.putIfAbsent(key, mine);
		if (running != null) {
			return awaitOrLoad(running, loader);
		}
		try {
			// Another reader may have stored it between our lookup and now.
			Lookup again = (lookup != null) ? lookup(key) : null;
			if (again != null && again.value() != null) {
				V cached = decode(again.value());
				if (cached != null) {
					mine.complete(Optional.of(cached));
					return Optional.of(cached);
				}
			}
			Lookup latest = (again != null) ? again : lookup;
			Optional<V> loaded = this.loads.record(loader);
			loaded.ifPresent((value) -> store(key, value, latest));
			mine.complete(loaded);
			return loaded;
		}
		catch (RuntimeException | Error ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loading.remove(key, mine);
		}
	}

	private Optional<V> awaitOrLoad(CompletableFuture<Optional<V>> running, Supplier<Optional<V>> loader) {
		try {
			return running.get(this.settings.loadWait().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return this.loads.record(loader);
		}
		catch (ExecutionException | TimeoutException ex) {
			// The loader failed (this request gets its own answer) or is too slow.
			return this.loads.record(loader);
		}
	}

	private Lookup lookup(String key) {
		try {
			return this.store.get(key);
		}
		catch (RedisUnavailable ex) {
			failed("read", ex);
			return null;
		}
	}

	private void store(String key, V value, Lookup lookup) {
		if (lookup == null) {
			// Without a generation to check against, storing could resurrect a value that
			// was evicted meanwhile.
			return;
		}
		try {
			this.store.put(key, this.json.writeValueAsBytes(value), jittered(), lookup);
		}
		catch (RedisUnavailable ex) {
			failed("write", ex);
		}
	}

	private void evict(List<String> keys) {
		try {
			this.store.evict(keys);
		}
		catch (RedisUnavailable ex) {
			evictionFailed(ex);
		}
	}

	void evictionFailed(RedisUnavailable ex) {
		failed("evict", ex);
	}

	private V decode(byte[] value) {
		try {
			return this.json.readValue(value, this.type);
		}
		catch (RuntimeException ex) {
			// An entry this version cannot read: treated as a miss and overwritten.
			failed("decode", ex);
			return null;
		}
	}

	private void failed(String operation, RuntimeException ex) {
		this.errors.increment();
		log.debug("Cache {}: {} failed, serving from the database: {}", this.name, operation, ex.getMessage());
	}

	private Duration jittered() {
		long millis = this.ttl.toMillis();
		long cut = (long) (millis * this.settings.jitter() * ThreadLocalRandom.current().nextDouble());
		return Duration.ofMillis(Math.max(1, millis - cut));
	}

	private String key(Object id) {
		return this.keyPrefix + id;
	}

}
