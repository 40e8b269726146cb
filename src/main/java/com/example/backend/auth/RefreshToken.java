package com.example.backend.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * One refresh token, stored only as its SHA-256 hash. Tokens descending from one login
 * form a family; each use revokes the token and issues its successor in the same family
 * (rotation).
 */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "refresh_tokens_id")
	@SequenceGenerator(name = "refresh_tokens_id", sequenceName = "refresh_tokens_id_seq", allocationSize = 50)
	private Long id;

	@Column(name = "user_id")
	private long userId;

	@Column(name = "family_id")
	private UUID familyId;

	@Column(name = "token_hash", columnDefinition = "bpchar(64)")
	private String tokenHash;

	/**
	 * The user's token version at login; a later role or password change voids the
	 * family.
	 */
	@Column(name = "token_version")
	private int tokenVersion;

	@Column(name = "created_at")
	private Instant createdAt;

	@Column(name = "expires_at")
	private Instant expiresAt;

	@Column(name = "revoked_at")
	private Instant revokedAt;

	protected RefreshToken() {
	}

	RefreshToken(long userId, UUID familyId, String tokenHash, int tokenVersion, Instant createdAt, Instant expiresAt) {
		this.userId = userId;
		this.familyId = familyId;
		this.tokenHash = tokenHash;
		this.tokenVersion = tokenVersion;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	boolean isRevoked() {
		return this.revokedAt != null;
	}

	boolean isExpired(Instant now) {
		return !now.isBefore(this.expiresAt);
	}

	void revoke(Instant now) {
		this.revokedAt = now;
	}

	long getUserId() {
		return this.userId;
	}

	UUID getFamilyId() {
		return this.familyId;
	}

	int getTokenVersion() {
		return this.tokenVersion;
	}

}
