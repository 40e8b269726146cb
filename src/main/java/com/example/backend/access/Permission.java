package com.example.backend.access;

/**
 * What a caller may do. Code checks permissions, never role names, so that a new role is
 * a change in {@link Role} only. The string form is the Spring Security authority (e.g.
 * {@code post:moderate}).
 */
public enum Permission {

	/**
	 * Write posts as their author (reading, updating one's own profile needs no
	 * permission).
	 */
	POST_WRITE_OWN("post:write-own"),

	/** Edit, unpublish or delete anyone's posts; read drafts. */
	POST_MODERATE("post:moderate"),

	/** Place orders, and read or cancel one's own. */
	ORDER_WRITE_OWN("order:write-own"),

	/** See all orders, move their status, cancel paid ones. */
	ORDER_MANAGE("order:manage"),

	/** Read any user's profile. */
	USER_READ("user:read"),

	/** List, update, delete users and change their roles. */
	USER_MANAGE("user:manage"),

	/** Create, update and delete products. */
	PRODUCT_MANAGE("product:manage"),

	/** Read the Prometheus metrics. */
	METRICS_READ("metrics:read");

	private final String authority;

	Permission(String authority) {
		this.authority = authority;
	}

	public String authority() {
		return this.authority;
	}

}
