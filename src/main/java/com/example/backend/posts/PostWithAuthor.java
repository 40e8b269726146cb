package com.example.backend.posts;

import java.time.Instant;

/**
 * A post with its author's display name, read in one statement as plain columns (a JPQL
 * constructor expression over the fields, not over the entity): Hibernate builds this
 * record straight from the row, without hydrating a {@link Post}, registering it in a
 * persistence context or keeping a snapshot of it for dirty checking, none of which a
 * read needs. The name is joined from the users table in the same query instead of being
 * asked of the users feature afterwards. {@link PostReads} builds it from the same
 * columns with plain JDBC for the read of one post.
 */
record PostWithAuthor(long id, String title, String body, PostStatus status, long authorId, String authorName,
		Instant createdAt, Instant updatedAt, long version) {

	/**
	 * The select list of the constructor expression, in the order of the components; the
	 * queries of {@link PostRepository} alias the post {@code p} and its author
	 * {@code u}.
	 */
	static final String SELECT = """
			select new com.example.backend.posts.PostWithAuthor(p.id, p.title, p.body, p.status, p.authorId,
			u.displayName, p.createdAt, p.updatedAt, p.version)
			""";

	PostResponse toResponse() {
		return new PostResponse(this.id, this.title, this.body, this.status,
				new PostResponse.Author(this.authorId, this.authorName), this.createdAt, this.updatedAt, this.version);
	}

}
