package com.example.backend.users;

import org.springframework.http.HttpHeaders;

import com.example.backend.contract.ProblemType;
import com.example.backend.errors.ApiException;

/** The facts about users that end a request with a 4xx answer. */
final class UserExceptions {

	private UserExceptions() {
	}

	static final class EmailAlreadyRegistered extends ApiException {

		EmailAlreadyRegistered() {
			super(ProblemType.EMAIL_TAKEN);
		}

	}

	static final class LastAdminProtected extends ApiException {

		LastAdminProtected() {
			super(ProblemType.LAST_ADMIN);
		}

	}

	static final class OwnRoleChangeForbidden extends ApiException {

		OwnRoleChangeForbidden() {
			super(ProblemType.FORBIDDEN, "Nobody can change their own role.");
		}

	}

	static final class TooManyPasswordChecks extends ApiException {

		TooManyPasswordChecks(long retryAfterSeconds) {
			super(ProblemType.TOO_MANY_PASSWORD_CHECKS,
					"Too many wrong current passwords for this account. Try again in " + retryAfterSeconds
							+ " seconds.");
			getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		}

	}

	static final class CurrentPasswordMismatch extends ApiException {

		CurrentPasswordMismatch() {
			super(ProblemType.CURRENT_PASSWORD_MISMATCH);
		}

	}

}
