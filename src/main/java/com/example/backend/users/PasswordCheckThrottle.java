package com.example.backend.users;

import org.springframework.stereotype.Component;

import com.example.backend.ratelimit.RateLimiter;
import com.example.backend.ratelimit.RateLimiters;
import com.example.backend.users.UserExceptions.TooManyPasswordChecks;

/**
 * Throttles the current-password check of a password change like a login: someone holding
 * a stolen access token could otherwise guess the password without limit, then change it
 * and sign the owner out everywhere. Keyed by account, so neither new addresses nor new
 * tokens buy more guesses; a correct answer clears the account's history.
 */
@Component
class PasswordCheckThrottle {

	private final RateLimiter limiter;

	PasswordCheckThrottle(PasswordCheckThrottleSettings settings, RateLimiters limiters) {
		this.limiter = limiters.create("password-check", settings.maxAttempts(), settings.window(),
				settings.maxTrackedKeys());
	}

	void acquire(long userId) {
		long retryAfterSeconds = this.limiter.tryAcquire(Long.toString(userId));
		if (retryAfterSeconds > 0) {
			throw new TooManyPasswordChecks(retryAfterSeconds);
		}
	}

	void reset(long userId) {
		this.limiter.reset(Long.toString(userId));
	}

}
