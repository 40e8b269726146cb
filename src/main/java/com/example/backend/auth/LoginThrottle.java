package com.example.backend.auth;

import org.springframework.stereotype.Component;

import com.example.backend.ratelimit.RateLimiters;
import com.example.backend.auth.AuthExceptions.TooManyLoginAttempts;
import com.example.backend.auth.LoginThrottleSettings.Global;
import com.example.backend.auth.LoginThrottleSettings.PerAccount;
import com.example.backend.auth.LoginThrottleSettings.PerClient;
import com.example.backend.ratelimit.RateLimiter;
import com.example.backend.users.Emails;

/**
 * Slows down password guessing with four budgets, each taken before the password is
 * checked:
 * <ul>
 * <li>per email + client address: guessing one account's password (a successful login
 * clears this key's history);</li>
 * <li>per client address: spraying many accounts from one address;</li>
 * <li>per account, from all addresses together: guessing one account's password from many
 * addresses. Taken after the per-address budgets, so that an address already refused
 * spends none of it;</li>
 * <li>global, per instance: Argon2 costs tens of milliseconds of CPU per check, so a
 * flood of logins from many addresses would starve every other request. Beyond it logins
 * wait, the rest of the API keeps serving.</li>
 * </ul>
 * Beyond any of them: 429 with the time until the next attempt.
 */
@Component
class LoginThrottle {

	private static final String EVERYONE = "*";

	private final RateLimiter perAccountAndClient;

	private final RateLimiter perClient;

	private final RateLimiter perAccount;

	private final RateLimiter global;

	LoginThrottle(LoginThrottleSettings settings, RateLimiters limiters) {
		this.perAccountAndClient = limiters.create("login", settings.maxAttempts(), settings.window(),
				settings.maxTrackedKeys());
		PerClient client = settings.perClient();
		this.perClient = limiters.create("login-per-client", client.maxAttempts(), client.window(),
				settings.maxTrackedKeys());
		PerAccount account = settings.perAccount();
		this.perAccount = limiters.create("login-per-account", account.maxAttempts(), account.window(),
				settings.maxTrackedKeys());
		// Per instance on purpose: it protects this instance's CPU from Argon2 work.
		Global everyone = settings.global();
		this.global = limiters.createLocal("login-global", everyone.maxAttempts(), everyone.window(), 1);
	}

	/** Takes one attempt from every budget or throws {@link TooManyLoginAttempts}. */
	void acquire(String email, String clientAddress) {
		String account = Emails.normalize(email);
		refuseIfSpent(this.perAccountAndClient.tryAcquire(key(account, clientAddress)),
				"Too many login attempts for this account from your address.");
		refuseIfSpent(this.perClient.tryAcquire(clientAddress), "Too many login attempts from your address.");
		refuseIfSpent(this.perAccount.tryAcquire(account), "Too many login attempts for this account.");
		refuseIfSpent(this.global.tryAcquire(EVERYONE), "The service is receiving too many login attempts.");
	}

	/** A successful login clears the history of its email + client address. */
	void reset(String email, String clientAddress) {
		this.perAccountAndClient.reset(key(Emails.normalize(email), clientAddress));
	}

	private static void refuseIfSpent(long retryAfterSeconds, String reason) {
		if (retryAfterSeconds > 0) {
			throw new TooManyLoginAttempts(reason, retryAfterSeconds);
		}
	}

	/** The per-account-and-address key; {@code account} is the normalised email. */
	private static String key(String account, String clientAddress) {
		return account + '|' + clientAddress;
	}

}
