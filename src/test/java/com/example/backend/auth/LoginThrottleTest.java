package com.example.backend.auth;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.example.backend.auth.AuthExceptions.TooManyLoginAttempts;
import com.example.backend.ratelimit.RateLimiters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LoginThrottleTest {

	private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleSettings(3, Duration.ofMinutes(15), 100),
			RateLimiters.local());

	@Test
	void allowsTheConfiguredAttemptsThenAsksToRetryLater() {
		for (int attempt = 0; attempt < 3; attempt++) {
			this.throttle.acquire("a@test.local", "10.0.0.1");
		}
		TooManyLoginAttempts refused = catchThrowableOfType(TooManyLoginAttempts.class,
				() -> this.throttle.acquire("a@test.local", "10.0.0.1"));

		assertThat(refused).isNotNull();
		// One attempt comes back every window / maxAttempts = 5 minutes.
		assertThat(Long.parseLong(refused.getHeaders().getFirst("Retry-After"))).isBetween(295L, 301L);
	}

	@Test
	void keysOnNormalisedEmailAndAddress() {
		for (int attempt = 0; attempt < 3; attempt++) {
			this.throttle.acquire(" A@Test.Local ", "10.0.0.1");
		}
		assertThat(catchThrowableOfType(TooManyLoginAttempts.class,
				() -> this.throttle.acquire("a@test.local", "10.0.0.1")))
			.isNotNull();
		assertThatNoException().isThrownBy(() -> this.throttle.acquire("a@test.local", "10.0.0.2"));
		assertThatNoException().isThrownBy(() -> this.throttle.acquire("b@test.local", "10.0.0.1"));
	}

	@Test
	void resetStartsAFreshBudget() {
		for (int attempt = 0; attempt < 3; attempt++) {
			this.throttle.acquire("a@test.local", "10.0.0.1");
		}
		this.throttle.reset("a@test.local", "10.0.0.1");

		assertThatNoException().isThrownBy(() -> this.throttle.acquire("a@test.local", "10.0.0.1"));
	}

}
