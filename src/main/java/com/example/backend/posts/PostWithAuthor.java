package com.example.backend.posts;

/**
 * A post with its author's display name, read in one statement: the name is joined from
 * the users table in the same query instead of being asked of the users feature
 * afterwards.
 */
record PostWithAuthor(Post post, String authorName) {

	PostResponse toResponse() {
		return PostResponse.of(this.post, this.authorName);
	}

}
