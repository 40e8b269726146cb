package com.example.backend.access;

/**
 * The authenticated caller as services see it: who they are and what their role lets them
 * do. It is the principal of every authenticated request, so controllers receive it with
 * {@code @AuthenticationPrincipal Actor actor} and pass it to services for ownership
 * checks.
 */
public record Actor(long userId, Role role) {

	public boolean can(Permission permission) {
		return this.role.grants(permission);
	}

	public boolean isSelf(long otherUserId) {
		return this.userId == otherUserId;
	}

	/**
	 * True when the caller is the owner, or holds the permission that overrides
	 * ownership.
	 */
	public boolean ownsOr(long ownerId, Permission override) {
		return isSelf(ownerId) || can(override);
	}

}
