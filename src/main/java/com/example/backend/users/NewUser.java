package com.example.backend.users;

/**
 * A validated registration. Email and display name are trimmed here, once, so that every
 * path (registration, bootstrap admin, demo data) stores and compares the same value.
 */
public record NewUser(String email, String password, String displayName) {

	public NewUser {
		email = email.trim();
		displayName = displayName.trim();
	}

}
