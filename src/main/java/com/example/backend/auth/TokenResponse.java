package com.example.backend.auth;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Answer of login and refresh. {@code expiresIn} is the access token's lifetime in
 * seconds.
 */
record TokenResponse(@Schema(maxLength = 4096) String accessToken, @Schema(maxLength = 128) String refreshToken,
		@Schema(maxLength = 16, example = "Bearer") String tokenType, long expiresIn) {

	static TokenResponse bearer(AccessTokens.IssuedAccessToken access, String refreshToken) {
		return new TokenResponse(access.token(), refreshToken, "Bearer", access.expiresInSeconds());
	}

}
