package com.example.backend.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.example.backend.hashing.Sha256;

/**
 * Refresh tokens: opaque random strings given to the client once and kept here only as
 * hashes. Callers hold the transaction; this class only knows the token rules.
 */
@Component
class RefreshTokens {

	private static final Logger log = LoggerFactory.getLogger(RefreshTokens.class);

	private static final int TOKEN_BYTES = 32;

	private final RefreshTokenRepository repository;

	private final JwtSettings settings;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	RefreshTokens(RefreshTokenRepository repository, JwtSettings settings, Clock clock) {
		this.repository = repository;
		this.settings = settings;
		this.clock = clock;
	}

	/** Starts a new family, as at login. */
	String issue(long userId, int tokenVersion) {
		return issue(userId, UUID.randomUUID(), tokenVersion);
	}

	/**
	 * The stored token, if the presented string is one of ours, with its whole family
	 * locked for this transaction: a rotation, a reuse that revokes the family and a
	 * logout of one family happen one after the other, so a revocation always sees the
	 * successor a rotation issued before it. The family is looked up first, without
	 * loading the entity, so that the locked read below returns fresh state.
	 */
	Optional<RefreshToken> find(String presented) {
		String hash = Sha256.hex(presented);
		Optional<UUID> family = this.repository.findFamilyByHash(hash);
		if (family.isEmpty()) {
			return Optional.empty();
		}
		this.repository.lockFamily(family.get().hashCode());
		return this.repository.findByHashForUpdate(hash);
	}

	/** Revokes the token and issues its successor in the same family. */
	String rotate(RefreshToken token) {
		token.revoke(this.clock.instant());
		return issue(token.getUserId(), token.getFamilyId(), token.getTokenVersion());
	}

	void revokeFamily(RefreshToken token) {
		this.repository.revokeFamily(token.getFamilyId(), this.clock.instant());
	}

	boolean isExpired(RefreshToken token) {
		return token.isExpired(this.clock.instant());
	}

	/** Expired tokens can never be used again, so their rows only cost space. */
	@Scheduled(fixedDelayString = "${app.jwt.cleanup-interval:PT1H}", initialDelayString = "PT1M")
	@Transactional
	public void deleteExpired() {
		int deleted = this.repository.deleteExpiredBefore(this.clock.instant());
		if (deleted > 0) {
			log.info("Deleted {} expired refresh tokens", deleted);
		}
	}

	private String issue(long userId, UUID family, int tokenVersion) {
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		this.repository.save(new RefreshToken(userId, family, Sha256.hex(token), tokenVersion, now,
				now.plus(this.settings.refreshTokenTtl())));
		return token;
	}

}
