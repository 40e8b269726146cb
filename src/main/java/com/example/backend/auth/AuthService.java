package com.example.backend.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.backend.auth.AuthExceptions.InvalidCredentials;
import com.example.backend.auth.AuthExceptions.InvalidRefreshToken;
import com.example.backend.users.UserCredentials;
import com.example.backend.users.NewUser;
import com.example.backend.users.TokenSubject;
import com.example.backend.users.UserResponse;
import com.example.backend.users.UserService;

/**
 * Registration (throttled here; the account itself is {@link UserService}'s), login,
 * refresh with rotation and reuse detection, logout.
 */
@Service
class AuthService {

	private static final Logger log = LoggerFactory.getLogger(AuthService.class);

	private final UserService users;

	private final PasswordEncoder passwordEncoder;

	private final AccessTokens accessTokens;

	private final RefreshTokens refreshTokens;

	private final LoginThrottle throttle;

	private final RegistrationThrottle registrations;

	/** Checked when the email is unknown, so that both failures cost the same time. */
	private final String unknownUserHash;

	AuthService(UserService users, PasswordEncoder passwordEncoder, AccessTokens accessTokens,
			RefreshTokens refreshTokens, LoginThrottle throttle, RegistrationThrottle registrations) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.accessTokens = accessTokens;
		this.refreshTokens = refreshTokens;
		this.throttle = throttle;
		this.registrations = registrations;
		this.unknownUserHash = passwordEncoder.encode("timing-equaliser-for-unknown-users");
	}

	UserResponse register(NewUser newUser, String clientIp) {
		this.registrations.acquire(clientIp);
		return this.users.register(newUser);
	}

	/**
	 * Deliberately not one transaction: the password check takes tens of milliseconds of
	 * CPU and must not hold a pool connection meanwhile. The lookup and the new refresh
	 * token run in short transactions of their own.
	 */
	TokenResponse login(String email, String password, String clientIp) {
		this.throttle.acquire(email, clientIp);
		UserCredentials user = this.users.findCredentials(email).orElse(null);
		String hash = (user != null) ? user.passwordHash() : this.unknownUserHash;
		boolean matches = this.passwordEncoder.matches(password, hash);
		if (user == null || !matches) {
			throw new InvalidCredentials();
		}
		this.throttle.reset(email, clientIp);
		return issue(user.id(), user.tokenVersion(), this.refreshTokens.issue(user.id(), user.tokenVersion()));
	}

	/**
	 * Exchanges a refresh token for a new pair. A token that was already used is evidence
	 * that it was copied: the whole family is revoked, and the revocation is committed
	 * even though the call fails.
	 */
	@Transactional(noRollbackFor = InvalidRefreshToken.class)
	TokenResponse refresh(String presented) {
		RefreshToken token = this.refreshTokens.find(presented).orElseThrow(InvalidRefreshToken::new);
		if (token.isRevoked()) {
			log.warn("Reuse of a revoked refresh token for user {}: revoking its family", token.getUserId());
			this.refreshTokens.revokeFamily(token);
			throw new InvalidRefreshToken();
		}
		if (this.refreshTokens.isExpired(token)) {
			throw new InvalidRefreshToken();
		}
		TokenSubject user = this.users.findTokenSubject(token.getUserId())
			.filter((current) -> current.tokenVersion() == token.getTokenVersion())
			.orElse(null);
		if (user == null) {
			this.refreshTokens.revokeFamily(token);
			throw new InvalidRefreshToken();
		}
		return issue(user.id(), user.tokenVersion(), this.refreshTokens.rotate(token));
	}

	/**
	 * Revokes the token's family. Unknown tokens are ignored: logging out twice is not an
	 * error.
	 */
	@Transactional
	void logout(String presented) {
		this.refreshTokens.find(presented).ifPresent(this.refreshTokens::revokeFamily);
	}

	private TokenResponse issue(long userId, int tokenVersion, String refreshToken) {
		return TokenResponse.bearer(this.accessTokens.issue(userId, tokenVersion), refreshToken);
	}

}
