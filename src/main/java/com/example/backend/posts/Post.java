package com.example.backend.posts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A post. The author is kept as an id, not as a relation to the users feature's entity: features meet
 * through services, and the author's display name is fetched for a whole page at once.
 */
@Entity
@Table(name = "posts")
class Post {

	@Id
	@GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "posts_id")
	@SequenceGenerator(name = "posts_id", sequenceName = "posts_id_seq", allocationSize = 50)
	private Long id;

	@Column(name = "author_id")
	private long authorId;

	private String title;

	private String body;

	@Enumerated(EnumType.STRING)
	private PostStatus status;

	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private long version;

	protected Post() {
	}

	Post(long authorId, PostRequest request) {
		this.authorId = authorId;
		apply(request);
	}

	void apply(PostRequest request) {
		this.title = request.title().trim();
		this.body = request.body();
		this.status = request.status();
	}

	boolean isPublished() {
		return this.status == PostStatus.PUBLISHED;
	}

	@PrePersist
	void onCreate() {
		this.createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		this.updatedAt = this.createdAt;
	}

	@PreUpdate
	void onUpdate() {
		this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

	Long getId() {
		return this.id;
	}

	long getAuthorId() {
		return this.authorId;
	}

	String getTitle() {
		return this.title;
	}

	String getBody() {
		return this.body;
	}

	PostStatus getStatus() {
		return this.status;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

	long getVersion() {
		return this.version;
	}

}
