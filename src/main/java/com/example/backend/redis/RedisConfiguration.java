package com.example.backend.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.tracing.MicrometerTracing;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis is used whenever {@code spring.data.redis.host} is set (any profile; {@code prod}
 * requires it). Without it there is no {@link SharedRedis} bean: the cache keeps entries
 * in this JVM and rate limits count per instance.
 * <p>
 * The application talks to Redis through Lettuce alone: the cache and the rate limits
 * send their own commands and scripts, so Spring Data Redis would only add what nothing
 * here uses (templates, a listener container, repository support: seven jars and about
 * 600 classes loaded at start). The client is built in the background while the rest of
 * the application starts ({@code bootstrap = BACKGROUND}); its first connection is opened
 * on first use, so the application starts even while Redis is down.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.data.redis.host")
class RedisConfiguration {

	// Taken here, not by the background @Bean method: a bean built in the background may
	// only use beans that exist already, and this configuration is created on the main
	// thread before its beans.
	private final RedisConnectionSettings connection;

	private final ObservationRegistry observations;

	RedisConfiguration(RedisConnectionSettings connection, ObservationRegistry observations) {
		this.connection = connection;
		this.observations = observations;
	}

	/**
	 * Lettuce's client and its threads and timers (built together: one background task).
	 * Redis commands are observations (spans in traces, when sampled). Fail fast instead
	 * of queueing: while the connection is down Lettuce rejects commands at once (by
	 * default it would buffer them until the timeout), and every command, including the
	 * asynchronous ones Bucket4j sends, ends after the command timeout. Reconnect soon
	 * after Redis comes back: Lettuce's default backoff grows to 30 s, a long time to
	 * serve everything from PostgreSQL after a short Redis restart.
	 */
	@Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
	LettuceClient lettuceClient() {
		ClientResources resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
			.tracing(new MicrometerTracing(this.observations, "Redis"))
			.build();
		RedisClient client = RedisClient.create(resources, this.connection.uri());
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(this.connection.timeout()))
			.socketOptions(SocketOptions.builder().connectTimeout(this.connection.connectTimeout()).build())
			.build());
		return new LettuceClient(client, resources);
	}

	@Bean(destroyMethod = "close")
	SharedRedis sharedRedis(ObjectProvider<LettuceClient> lettuce, RedisSettings settings,
			MeterRegistry meterRegistry) {
		RedisSettings.CircuitBreaker breakerSettings = settings.circuitBreaker();
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(breakerSettings.window())
			.minimumNumberOfCalls(breakerSettings.minimumCalls())
			.failureRateThreshold(breakerSettings.failureRatePercent())
			.waitDurationInOpenState(breakerSettings.openFor())
			.permittedNumberOfCallsInHalfOpenState(breakerSettings.probeCalls())
			.build();
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meterRegistry);
		CircuitBreaker breaker = registry.circuitBreaker("redis");
		// The client is still being built in the background; it is first needed on the
		// first Redis call.
		return new SharedRedis(() -> lettuce.getObject().client(), breaker, settings.keyPrefix());
	}

}
