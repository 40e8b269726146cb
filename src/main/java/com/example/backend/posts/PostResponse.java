package com.example.backend.posts;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

public record PostResponse(@Schema(minimum = "1") long id, @Schema(maxLength = 200) String title,
		@Schema(maxLength = 20_000) String body, PostStatus status, Author author, Instant createdAt, Instant updatedAt,
		long version) {

	static PostResponse of(Post post, String authorName) {
		return new PostResponse(post.getId(), post.getTitle(), post.getBody(), post.getStatus(),
				new Author(post.getAuthorId(), authorName), post.getCreatedAt(), post.getUpdatedAt(),
				post.getVersion());
	}

	PostResponse withAuthorName(String displayName) {
		return new PostResponse(this.id, this.title, this.body, this.status, new Author(this.author.id(), displayName),
				this.createdAt, this.updatedAt, this.version);
	}

	public record Author(@Schema(minimum = "1") long id, @Schema(maxLength = 100) String displayName) {
	}

}
