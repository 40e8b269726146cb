package com.example.backend.access;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import static com.example.backend.access.Permission.*;

/**
 * Roles and the permissions they grant: the one place where roles are mapped to
 * permissions. Each role includes everything of the role before it.
 */
public enum Role {

	USER(EnumSet.of(POST_WRITE_OWN, ORDER_WRITE_OWN)), MODERATOR(with(USER, POST_MODERATE, USER_READ)),
	ADMIN(EnumSet.allOf(Permission.class));

	private final Set<Permission> permissions;

	Role(Set<Permission> permissions) {
		this.permissions = Collections.unmodifiableSet(permissions);
	}

	public Set<Permission> permissions() {
		return this.permissions;
	}

	public boolean grants(Permission permission) {
		return this.permissions.contains(permission);
	}

	private static EnumSet<Permission> with(Role base, Permission... extra) {
		EnumSet<Permission> all = EnumSet.copyOf(base.permissions);
		Collections.addAll(all, extra);
		return all;
	}

}
