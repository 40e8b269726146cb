package com.example.backend.auth;

import java.util.Locale;

import org.springframework.stereotype.Component;

import com.example.backend.ratelimit.RateLimiter;
import com.example.backend.ratelimit.RateLimiters;
import com.example.backend.auth.AuthExceptions.TooManyLoginAttempts;

/**
 * Slows down password guessing: every login attempt counts against its email + client IP;
 * a successful one clears the history of that key. Beyond the limit: 429 with the time
 * until the next attempt.
 */
@Component
class LoginThrottle {

	private final RateLimiter limiter;

	LoginThrottle(LoginThrottleSettings settings, RateLimiters limiters) {
		this.limiter = limiters.create("login", settings.maxAttempts(), settings.window(), settings.maxTrackedKeys());
	}

	/** Takes one attempt from the key's budget or throws {@link TooManyLoginAttempts}. */
	void acquire(String email, String clientIp) {
		long retryAfterSeconds = this.limiter.tryAcquire(key(email, clientIp));
		if (retryAfterSeconds > 0) {
			throw new TooManyLoginAttempts(retryAfterSeconds);
		}
	}

	/** A successful login clears the key's history. */
	void reset(String email, String clientIp) {
		this.limiter.reset(key(email, clientIp));
	}

	private static String key(String email, String clientIp) {
		return email.trim().toLowerCase(Locale.ROOT) + '|' + clientIp;
	}

}
