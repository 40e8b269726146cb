package com.example.backend.users;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import com.example.backend.access.Role;
import com.example.backend.persistence.AuditedEntity;

/**
 * A registered account. Never leaves {@link UserService}: controllers and other features
 * see {@link UserResponse} or {@link UserCredentials}.
 */
@Entity
@Table(name = "users")
class User extends AuditedEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "users_id")
	@SequenceGenerator(name = "users_id", sequenceName = "users_id_seq", allocationSize = 50)
	private Long id;

	private String email;

	@Column(name = "password_hash")
	private String passwordHash;

	@Column(name = "display_name")
	private String displayName;

	@Enumerated(EnumType.STRING)
	private Role role;

	/** Copied into every access token; changing it voids all tokens issued before. */
	@Column(name = "token_version")
	private int tokenVersion;

	protected User() {
	}

	User(String email, String passwordHash, String displayName, Role role) {
		this.email = email;
		this.passwordHash = passwordHash;
		this.displayName = displayName;
		this.role = role;
	}

	void rename(String displayName) {
		this.displayName = displayName;
	}

	void changePassword(String passwordHash) {
		this.passwordHash = passwordHash;
		this.tokenVersion++;
	}

	void changeRole(Role role) {
		if (this.role != role) {
			this.role = role;
			this.tokenVersion++;
		}
	}

	Long getId() {
		return this.id;
	}

	String getEmail() {
		return this.email;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	String getDisplayName() {
		return this.displayName;
	}

	Role getRole() {
		return this.role;
	}

	int getTokenVersion() {
		return this.tokenVersion;
	}

}
