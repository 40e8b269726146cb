package com.example.backend.auth;

import org.springframework.stereotype.Component;

import com.example.backend.ratelimit.RateLimiter;
import com.example.backend.ratelimit.RateLimiters;
import com.example.backend.auth.AuthExceptions.TooManyRegistrations;

/**
 * Limits registrations per client IP. The contract answers a taken email with 409, so
 * without a limit registration would be a fast way to test which emails have accounts
 * (and to create accounts in bulk).
 */
@Component
class RegistrationThrottle {

	private final RateLimiter limiter;

	RegistrationThrottle(RegistrationThrottleSettings settings, RateLimiters limiters) {
		this.limiter = limiters.create("registration", settings.maxAttempts(), settings.window(),
				settings.maxTrackedKeys());
	}

	void acquire(String clientIp) {
		long retryAfterSeconds = this.limiter.tryAcquire(clientIp);
		if (retryAfterSeconds > 0) {
			throw new TooManyRegistrations(retryAfterSeconds);
		}
	}

}
