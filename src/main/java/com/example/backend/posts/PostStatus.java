package com.example.backend.posts;

public enum PostStatus {

	/** Visible to its author, moderators and admins only. */
	DRAFT,

	/** Visible to everyone. */
	PUBLISHED

}
