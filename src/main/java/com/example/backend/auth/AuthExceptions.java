package com.example.backend.auth;

import org.springframework.http.HttpHeaders;

import com.example.backend.contract.ProblemType;
import com.example.backend.errors.ApiException;

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
			super(ProblemType.INVALID_CREDENTIALS);
		}

	}

	static final class InvalidRefreshToken extends ApiException {

		InvalidRefreshToken() {
			super(ProblemType.INVALID_REFRESH_TOKEN);
		}

	}

	static final class TooManyRegistrations extends ApiException {

		TooManyRegistrations(long retryAfterSeconds) {
			super(ProblemType.TOO_MANY_REGISTRATIONS,
					"Too many registrations from your address. Try again in " + retryAfterSeconds + " seconds.");
			getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}

	}

	static final class TooManyLoginAttempts extends ApiException {

		TooManyLoginAttempts(String reason, long retryAfterSeconds) {
			super(ProblemType.TOO_MANY_LOGIN_ATTEMPTS, reason + " Try again in " + retryAfterSeconds + " seconds.");
			getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}

	}

}
