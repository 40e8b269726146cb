package com.example.backend.auth;

/**
 * Answer of login and refresh. {@code expiresIn} is the access token's lifetime in
 * seconds.
 */
record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {

	static TokenResponse bearer(AccessTokens.IssuedAccessToken access, String refreshToken) {
		return new TokenResponse(access.token(), refreshToken, "Bearer", access.expiresInSeconds());
	}

}
