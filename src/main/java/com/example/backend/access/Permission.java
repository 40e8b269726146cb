package com.example.backend.access;

/**
 * What a caller may do. Code checks permissions, never role names, so that a new role is
 * a change in {@link Role} only. The string form is the Spring Security authority (e.g.
 * {@code post:moderate}).
 */
public enum Permission {

	PROFILE_READ_OWN("profile:read-own"), PROFILE_UPDATE_OWN("profile:update-own"), POST_WRITE_OWN("post:write-own"),
	POST_MODERATE("post:moderate"), ORDER_WRITE_OWN("order:write-own"), ORDER_MANAGE("order:manage"),
	USER_READ("user:read"), USER_MANAGE("user:manage"), PRODUCT_MANAGE("product:manage"), METRICS_READ("metrics:read");

	private final String authority;

	Permission(String authority) {
		this.authority = authority;
	}

	public String authority() {
		return this.authority;
	}

}
