package com.example.backend.redis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Redis is used whenever {@code spring.data.redis.host} is set (any profile; {@code prod}
 * requires it). Without it there is no {@link SharedRedis} bean: the cache keeps entries
 * in this JVM and rate limits count per instance.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.data.redis.host")
class RedisConfiguration {

	/**
	 * Fail fast instead of queueing: while the connection is down Lettuce rejects
	 * commands at once (by default it would buffer them until the timeout), and every
	 * command, including the asynchronous ones Bucket4j sends, ends after the command
	 * timeout.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected(DataRedisProperties properties) {
		Duration timeout = (properties.getTimeout() != null) ? properties.getTimeout() : Duration.ofMillis(250);
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.timeoutOptions(TimeoutOptions.enabled(timeout));
	}

	/**
	 * Reconnect soon after Redis comes back: Lettuce's default backoff grows to 30 s, a
	 * long time to serve everything from PostgreSQL after a short Redis restart.
	 */
	@Bean
	ClientResourcesBuilderCustomizer reconnectWithinASecond() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

	@Bean(destroyMethod = "close")
	SharedRedis sharedRedis(LettuceConnectionFactory connectionFactory, RedisSettings settings,
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
		// The client exists once the connection factory has started; it is first needed
		// later, on the first Redis call.
		return new SharedRedis(() -> (RedisClient) connectionFactory.getRequiredNativeClient(), breaker,
				settings.keyPrefix());
	}

}
