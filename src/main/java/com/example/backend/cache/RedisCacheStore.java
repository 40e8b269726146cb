package com.example.backend.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.example.backend.redis.RedisUnavailable;
import com.example.backend.redis.SharedRedis;

/**
 * Entries in the shared Redis, sealed by {@link EntrySeal} so that only entries this
 * service wrote are believed. Each operation is one round trip (a small Lua script, so
 * that the generation check and the write are atomic in Redis).
 * <p>
 * An eviction that cannot reach Redis is kept and retried before this instance reads from
 * Redis again, so that it never serves an entry it failed to evict. Other instances may
 * still read such an entry until its TTL ends (docs/cache.md). Spring Data Redis's cache
 * writer has neither the generations nor the retried evictions, hence this class.
 */
class RedisCacheStore implements CacheStore {

	private static final Logger log = LoggerFactory.getLogger(RedisCacheStore.class);

	/** Generations outlive any lookup that may still use them (see {@link #MAX_LOAD}). */
	private static final Duration GENERATION_TTL = Duration.ofMinutes(10);

	/** A lookup older than this may no longer store its value. */
	private static final Duration MAX_LOAD = GENERATION_TTL.dividedBy(2);

	private static final int MAX_PENDING_EVICTIONS = 100_000;

	private static final Script GET = new Script(ScriptOutputType.MULTI, """
			local t = redis.call('TIME')
			return {redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2]), t[1] * 1000 + math.floor(t[2] / 1000)}
			""");

	private static final Script PUT = new Script(ScriptOutputType.INTEGER, """
			if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[3] then return 0 end
			local t = redis.call('TIME')
			if t[1] * 1000 + math.floor(t[2] / 1000) - tonumber(ARGV[4]) > tonumber(ARGV[5]) then return 0 end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return 1
			""");

	private static final Script EVICT = new Script(ScriptOutputType.INTEGER, """
			for i = 1, #KEYS, 2 do
			  redis.call('DEL', KEYS[i])
			  redis.call('INCR', KEYS[i + 1])
			  redis.call('PEXPIRE', KEYS[i + 1], ARGV[1])
			end
			return 1
			""");

	private final SharedRedis redis;

	private final Set<String> pendingEvictions = ConcurrentHashMap.newKeySet();

	private final EntrySeal seal;

	RedisCacheStore(SharedRedis redis, EntrySeal seal) {
		this.redis = redis;
		this.seal = seal;
	}

	@Override
	public Lookup get(String key) {
		retryPendingEvictions();
		List<Object> reply = this.redis.call((commands) -> GET.run(commands, new String[] { key, generationKey(key) }));
		byte[] sealed = (byte[]) reply.get(0);
		byte[] value = this.seal.open(key, sealed);
		if (sealed != null && value == null) {
			// Written by something else, or moved from another key: a miss, and the load
			// that follows overwrites it.
			log.warn("Cache entry {} is not sealed by this service: ignored", key);
		}
		return new Lookup(value, generation((byte[]) reply.get(1)), (Long) reply.get(2));
	}

	@Override
	public void put(String key, byte[] value, Duration ttl, Lookup lookup) {
		byte[] sealed = this.seal.seal(key, value);
		this.redis.call((commands) -> PUT.run(commands, new String[] { key, generationKey(key) }, sealed,
				ascii(ttl.toMillis()), ascii(lookup.generation()), ascii(lookup.time()), ascii(MAX_LOAD.toMillis())));
	}

	@Override
	public void evict(Collection<String> keys) {
		try {
			evictNow(keys);
		}
		catch (RedisUnavailable ex) {
			if (this.pendingEvictions.size() + keys.size() <= MAX_PENDING_EVICTIONS) {
				this.pendingEvictions.addAll(keys);
			}
			else {
				log.warn("Too many evictions pending; {} keys may stay stale until their TTL", keys.size());
			}
			throw ex;
		}
	}

	@Override
	public String kind() {
		return "redis";
	}

	private void retryPendingEvictions() {
		if (this.pendingEvictions.isEmpty()) {
			return;
		}
		List<String> keys = new ArrayList<>(this.pendingEvictions);
		evictNow(keys);
		this.pendingEvictions.removeAll(keys);
		log.info("Redis reachable again: {} pending evictions done", keys.size());
	}

	private void evictNow(Collection<String> keys) {
		String[] keysAndGenerations = new String[keys.size() * 2];
		int i = 0;
		for (String key : keys) {
			keysAndGenerations[i++] = key;
			keysAndGenerations[i++] = generationKey(key);
		}
		this.redis.call((commands) -> EVICT.run(commands, keysAndGenerations, ascii(GENERATION_TTL.toMillis())));
	}

	private static String generationKey(String key) {
		return key + ":gen";
	}

	private static long generation(byte[] value) {
		return (value != null) ? Long.parseLong(new String(value, StandardCharsets.US_ASCII)) : 0;
	}

	private static byte[] ascii(long number) {
		return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
	}

	/** A Lua script sent by digest; its text only when Redis does not know it yet. */
	private record Script(ScriptOutputType output, String source, String sha1) {

		Script(ScriptOutputType output, String source) {
			this(output, source, sha1(source));
		}

		@SuppressWarnings("unchecked")
		<T> T run(RedisCommands<String, byte[]> commands, String[] keys, byte[]... args) {
			try {
				return (T) commands.evalsha(this.sha1, this.output, keys, args);
			}
			catch (RedisNoScriptException ex) {
				return (T) commands.eval(this.source, this.output, keys, args);
			}
		}

		private static String sha1(String source) {
			try {
				return HexFormat.of()
					.formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
