package com.example.backend.users;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

import com.example.backend.web.ApiException;

/** The facts about users that end a request with a 4xx answer. */
final class UserExceptions {

	private UserExceptions() {
	}

	static final class EmailAlreadyRegistered extends ApiException {

		EmailAlreadyRegistered() {
			super(HttpStatus.CONFLICT, "email-taken", "Email already registered",
					"An account with this email address already exists.");
		}

	}

	static final class LastAdminProtected extends ApiException {

		LastAdminProtected() {
			super(HttpStatus.CONFLICT, "last-admin", "Last administrator",
					"The last ADMIN cannot be demoted or deleted; promote another user first.");
		}

	}

	static final class OwnRoleChangeForbidden extends ApiException {

		OwnRoleChangeForbidden() {
			super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Nobody can change their own role.");
		}

	}

	static final class TooManyPasswordChecks extends ApiException {

		TooManyPasswordChecks(long retryAfterSeconds) {
			super(HttpStatus.TOO_MANY_REQUESTS, "too-many-password-checks", "Too many password checks",
					"Too many wrong current passwords for this account. Try again in " + retryAfterSeconds
							+ " seconds.");
			getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}

	}

	static final class CurrentPasswordMismatch extends ApiException {

		CurrentPasswordMismatch() {
			super(HttpStatus.UNPROCESSABLE_CONTENT, "current-password-mismatch", "Current password mismatch",
					"To change your password, give your current password in currentPassword.");
		}

	}

}
