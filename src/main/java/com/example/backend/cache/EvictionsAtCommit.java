package com.example.backend.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.example.backend.redis.RedisUnavailable;

/**
 * The evictions of one transaction, from every cache of one store, sent in one call when
 * it commits: a user change evicts the user, its token subject and the first page of
 * posts, which would otherwise be three round trips to Redis. One synchronization per
 * store in the current synchronization scope (a suspended outer transaction keeps its
 * own); nothing happens on rollback. Spring's transaction-aware cache decorator also
 * defers evictions to the commit, but sends each one on its own.
 */
final class EvictionsAtCommit implements TransactionSynchronization {

	private final CacheStore store;

	/** Keys by the cache that asked, so that a failure is counted by each of them. */
	private final Map<CacheAside<?>, List<String>> keysByCache = new LinkedHashMap<>();

	private EvictionsAtCommit(CacheStore store) {
		this.store = store;
	}

	/**
	 * Adds keys to the current transaction's evictions (synchronization must be active).
	 */
	static void add(CacheStore store, CacheAside<?> cache, List<String> keys) {
		EvictionsAtCommit evictions = null;
		for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
			if (registered instanceof EvictionsAtCommit existing && existing.store == store) {
				evictions = existing;
			}
		}
		if (evictions == null) {
			evictions = new EvictionsAtCommit(store);
			TransactionSynchronizationManager.registerSynchronization(evictions);
		}
		evictions.keysByCache.computeIfAbsent(cache, (ignored) -> new ArrayList<>()).addAll(keys);
	}

	@Override
	public void afterCommit() {
		List<String> keys = this.keysByCache.values().stream().flatMap(List::stream).toList();
		try {
			this.store.evict(keys);
		}
		catch (RedisUnavailable ex) {
			this.keysByCache.keySet().forEach((cache) -> cache.evictionFailed(ex));
		}
	}

}
