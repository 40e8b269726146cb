package com.example.backend.auth;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.example.backend.auth.AuthExceptions.TooManyLoginAttempts;
import com.example.backend.ratelimit.RateLimiters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LoginThrottleTest {

	private static final Duration WINDOW = Duration.ofMinutes(15);

	private final LoginThrottle throttle = throttle(100, 1000, 1000);

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
	void oneAddressGetsALimitedNumberOfAttemptsWhateverTheEmails() {
		LoginThrottle throttle = throttle(4, 1000, 1000);
		for (int attempt = 0; attempt < 4; attempt++) {
			throttle.acquire("user" + attempt + "@test.local", "10.0.0.1");
		}

		assertThat(catchThrowableOfType(TooManyLoginAttempts.class,
				() -> throttle.acquire("user9@test.local", "10.0.0.1")))
			.hasMessageContaining("from your address");
		assertThatNoException().isThrownBy(() -> throttle.acquire("user9@test.local", "10.0.0.2"));
	}

	@Test
	void allAddressesTogetherGetALimitedNumberOfAttempts() {
		LoginThrottle throttle = new LoginThrottle(
				new LoginThrottleSettings(3, WINDOW, 100, new LoginThrottleSettings.PerClient(4, WINDOW),
						new LoginThrottleSettings.Global(10, Duration.ofSeconds(1)),
						new LoginThrottleSettings.PerAccount(1000, WINDOW)),
				RateLimiters.local());
		for (int attempt = 0; attempt < 10; attempt++) {
			throttle.acquire("user" + attempt + "@test.local", "10.0.0." + attempt);
		}

		TooManyLoginAttempts refused = catchThrowableOfType(TooManyLoginAttempts.class,
				() -> throttle.acquire("other@test.local", "10.0.1.1"));
		assertThat(refused).hasMessageContaining("too many login attempts");
		assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("1");
	}

	@Test
	void oneAccountGetsALimitedNumberOfAttemptsWhateverTheAddresses() {
		LoginThrottle throttle = throttle(100, 1000, 5);
		for (int attempt = 0; attempt < 5; attempt++) {
			throttle.acquire("a@test.local", "10.0.0." + attempt);
		}

		assertThat(
				catchThrowableOfType(TooManyLoginAttempts.class, () -> throttle.acquire(" A@Test.Local", "10.0.9.9")))
			.hasMessageContaining("for this account.");
		assertThatNoException().isThrownBy(() -> throttle.acquire("b@test.local", "10.0.9.9"));
	}

	@Test
	void anAddressAlreadyRefusedSpendsNoneOfTheAccountsBudget() {
		LoginThrottle throttle = throttle(2, 1000, 3);
		for (int attempt = 0; attempt < 2; attempt++) {
			throttle.acquire("user" + attempt + "@test.local", "10.0.0.1");
		}
		for (int attempt = 0; attempt < 10; attempt++) {
			catchThrowableOfType(TooManyLoginAttempts.class, () -> throttle.acquire("a@test.local", "10.0.0.1"));
		}

		for (int attempt = 0; attempt < 3; attempt++) {
			throttle.acquire("a@test.local", "10.0.1." + attempt);
		}
	}

	@Test
	void resetStartsAFreshBudget() {
		for (int attempt = 0; attempt < 3; attempt++) {
			this.throttle.acquire("a@test.local", "10.0.0.1");
		}
		this.throttle.reset("a@test.local", "10.0.0.1");

		assertThatNoException().isThrownBy(() -> this.throttle.acquire("a@test.local", "10.0.0.1"));
	}

	private static LoginThrottle throttle(int perClient, int global, int perAccount) {
		return new LoginThrottle(
				new LoginThrottleSettings(3, WINDOW, 100, new LoginThrottleSettings.PerClient(perClient, WINDOW),
						new LoginThrottleSettings.Global(global, WINDOW),
						new LoginThrottleSettings.PerAccount(perAccount, WINDOW)),
				RateLimiters.local());
	}

}
