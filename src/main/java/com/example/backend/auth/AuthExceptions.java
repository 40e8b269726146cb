package com.example.backend.auth;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import com.example.backend.web.ApiException;

/** The facts about authentication that end a request with a 4xx answer. */
final class AuthExceptions {

	private AuthExceptions() {
	}

	/**
	 * The same answer for an unknown email and a wrong password, so that the response
	 * tells nothing about which accounts exist.
	 */
	static final class InvalidCredentials extends ApiException {

		InvalidCredentials() {
			super(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials", "Email or password is wrong.");
		}

	}

	static final class InvalidRefreshToken extends ApiException {

		InvalidRefreshToken() {
			super(HttpStatus.UNAUTHORIZED, "invalid-refresh-token", "Invalid refresh token",
					"The refresh token is unknown, expired or revoked. Log in again.");
		}

	}

	static final class TooManyRegistrations extends ApiException {

		TooManyRegistrations(long retryAfterSeconds) {
			super(HttpStatus.TOO_MANY_REQUESTS, "too-many-registrations", "Too many registrations",
					"Too many registrations from your address. Try again in " + retryAfterSeconds + " seconds.");
			getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}

	}

	static final class TooManyLoginAttempts extends ApiException {

		TooManyLoginAttempts(String reason, long retryAfterSeconds) {
			super(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts", "Too many login attempts",
					reason + " Try again in " + retryAfterSeconds + " seconds.");
			getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}

	}

}
