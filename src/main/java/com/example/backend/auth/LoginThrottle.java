package com.example.backend.auth;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import com.example.backend.auth.AuthExceptions.TooManyLoginAttempts;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: every login attempt takes a token from the bucket of its
 * email + IP, a successful one clears the history of that key. An empty bucket means 429
 * with the time until the next token.
 * <p>
 * Taking the token before checking the password (rather than counting failures
 * afterwards) keeps the limit exact under concurrent attempts. Buckets live in this JVM;
 * with several replicas each one throttles on its own until the Redis-backed variant
 * replaces this.
 */
@Component
class LoginThrottle {

	private final LoginThrottleSettings settings;

	private final Cache<String, Bucket> buckets;

	LoginThrottle(LoginThrottleSettings settings) {
		this.settings = settings;
		this.buckets = Caffeine.newBuilder()
			.expireAfterAccess(settings.window())
			.maximumSize(settings.maxTrackedKeys())
			.build();
	}

	/** Takes one attempt from the key's budget or throws {@link TooManyLoginAttempts}. */
	void acquire(String email, String clientIp) {
		ConsumptionProbe probe = bucket(email, clientIp).tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
			throw new TooManyLoginAttempts(seconds);
		}
	}

	/** A successful login clears the key's history. */
	void reset(String email, String clientIp) {
		this.buckets.invalidate(key(email, clientIp));
	}

	private Bucket bucket(String email, String clientIp) {
		return this.buckets.get(key(email, clientIp),
				key -> Bucket.builder()
					.addLimit(limit -> limit.capacity(this.settings.maxAttempts())
						.refillGreedy(this.settings.maxAttempts(), this.settings.window()))
					.build());
	}

	private static String key(String email, String clientIp) {
		return email.trim().toLowerCase(Locale.ROOT) + '|' + clientIp;
	}

}
