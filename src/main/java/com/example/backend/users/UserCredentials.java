package com.example.backend.users;

import com.example.backend.access.Role;

/**
 * What authentication needs to know of a user; handed to the auth feature instead of the
 * entity.
 */
public record UserCredentials(long id, String passwordHash, Role role, int tokenVersion) {

	static UserCredentials of(User user) {
		return new UserCredentials(user.getId(), user.getPasswordHash(), user.getRole(), user.getTokenVersion());
	}

}
