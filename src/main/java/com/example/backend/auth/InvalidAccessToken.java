package com.example.backend.auth;

import org.springframework.security.core.AuthenticationException;

/** A bearer token was presented but is malformed, wrongly signed, expired or revoked. */
class InvalidAccessToken extends AuthenticationException {

	InvalidAccessToken(String reason) {
		super(reason);
	}

}
