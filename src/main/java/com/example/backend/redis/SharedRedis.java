package com.example.backend.redis;

import java.util.function.Function;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis that all instances share (cache entries, rate-limit buckets), behind a
 * circuit breaker. Every call either returns within the command timeout
 * ({@code spring.data.redis.timeout}) or throws {@link RedisUnavailable}; callers fall
 * back (the cache to PostgreSQL, rate limits to local buckets), so that Redis being slow
 * or down never fails a request.
 * <p>
 * One Lettuce connection, opened on first use: Lettuce multiplexes all threads over it,
 * reconnects by itself, and the application starts even while Redis is down.
 */
public class SharedRedis {

	private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	private final Supplier<RedisClient> client;

	private final CircuitBreaker breaker;

	private final String keyPrefix;

	private volatile StatefulRedisConnection<String, byte[]> connection;

	SharedRedis(Supplier<RedisClient> client, CircuitBreaker breaker, String keyPrefix) {
		this.client = client;
		this.breaker = breaker;
		this.keyPrefix = keyPrefix;
	}

	/**
	 * Runs one or a few commands unless the breaker is open. Any failure (timeout, lost
	 * connection, Redis error) is counted by the breaker and thrown as
	 * {@link RedisUnavailable}.
	 */
	public <T> T call(Function<RedisCommands<String, byte[]>, T> commands) {
		try {
			return this.breaker.executeSupplier(() -> commands.apply(connection().sync()));
		}
		catch (CallNotPermittedException ex) {
			throw new RedisUnavailable("circuit breaker open", ex);
		}
		catch (RuntimeException ex) {
			throw new RedisUnavailable(ex.getMessage(), ex);
		}
	}

	/**
	 * The connection itself, for libraries that talk to Redis on their own (Bucket4j);
	 * their calls must go through {@link #guard} to be counted by the breaker.
	 */
	public StatefulRedisConnection<String, byte[]> connection() {
		StatefulRedisConnection<String, byte[]> current = this.connection;
		if (current == null) {
			synchronized (this) {
				current = this.connection;
				if (current == null) {
					current = this.client.get().connect(CODEC);
					log.info("Connected to Redis");
					this.connection = current;
				}
			}
		}
		return current;
	}

	/** Runs a call that uses {@link #connection()} under the breaker. */
	public <T> T guard(Supplier<T> call) {
		return call(commands -> call.get());
	}

	/** Every key this application writes starts with this. */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	/** CLOSED, OPEN or HALF_OPEN. */
	public String breakerState() {
		return this.breaker.getState().name();
	}

	void close() {
		StatefulRedisConnection<String, byte[]> current = this.connection;
		if (current != null) {
			current.close();
		}
	}

}
