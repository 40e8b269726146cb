package com.example.backend.redis;

import java.time.Duration;

import io.lettuce.core.RedisURI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the shared Redis is ({@code spring.data.redis.*}). The names are Spring Boot's,
 * so that deployments set the variables Spring users know
 * ({@code SPRING_DATA_REDIS_HOST}); this record binds them because the application talks
 * to Redis through Lettuce alone, without Spring Data Redis (see
 * {@link RedisConfiguration}).
 *
 * @param host unset: no Redis (the cache stays in this JVM, rate limits per instance)
 * @param timeout a command that takes longer fails, and the caller falls back
 * @param connectTimeout how long to wait for a (re)connection
 */
@ConfigurationProperties("spring.data.redis")
public record RedisConnectionSettings(String host, @DefaultValue("6379") int port, String username, String password,
		@DefaultValue("0") int database, @DefaultValue Ssl ssl, @DefaultValue("250ms") Duration timeout,
		@DefaultValue("300ms") Duration connectTimeout) {

	/**
	 * @param enabled TLS to Redis, verifying its certificate against the JVM's trust
	 * store
	 */
	public record Ssl(@DefaultValue("false") boolean enabled) {
	}

	RedisURI uri() {
		RedisURI.Builder uri = RedisURI.builder()
			.withHost(this.host)
			.withPort(this.port)
			.withDatabase(this.database)
			.withSsl(this.ssl.enabled())
			.withTimeout(this.timeout);
		if (this.password != null && !this.password.isEmpty()) {
			if (this.username != null && !this.username.isEmpty()) {
				uri.withAuthentication(this.username, this.password);
			}
			else {
				uri.withPassword(this.password.toCharArray());
			}
		}
		return uri.build();
	}

}
