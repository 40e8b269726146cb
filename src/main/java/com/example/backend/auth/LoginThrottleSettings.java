package com.example.backend.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling ({@code app.auth.login-throttle.*}), every budget refilled evenly over
 * its window: {@code maxAttempts} per email and client address (successful ones are
 * forgiven) over {@code window}; {@code perClient} per client address whatever the email;
 * {@code perAccount} per email whatever the address; {@code global} for all logins of
 * this instance. {@code maxTrackedKeys} bounds the memory used.
 */
@ConfigurationProperties("app.auth.login-throttle")
public record LoginThrottleSettings(@DefaultValue("5") int maxAttempts, @DefaultValue("15m") Duration window,
		@DefaultValue("100000") long maxTrackedKeys, @DefaultValue PerClient perClient, @DefaultValue Global global,
		@DefaultValue PerAccount perAccount) {

	/**
	 * Attempts per client address: enough for an office behind one NAT address, far too
	 * few to try one password on many accounts.
	 */
	public record PerClient(@DefaultValue("30") int maxAttempts, @DefaultValue("15m") Duration window) {
	}

	/**
	 * Attempts per account from every address together: bounds guessing one password from
	 * many addresses (a /48 of IPv6 holds 65,536 /64 budgets), at the price that a flood
	 * of wrong passwords can hold up new logins to that account, not its sessions.
	 */
	public record PerAccount(@DefaultValue("20") int maxAttempts, @DefaultValue("1h") Duration window) {
	}

	/**
	 * Attempts per instance: about what two cores can hash with Argon2 while leaving most
	 * of the CPU to the rest of the API.
	 */
	public record Global(@DefaultValue("10") int maxAttempts, @DefaultValue("1s") Duration window) {
	}

}
