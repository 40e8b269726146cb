package com.example.backend.posts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import com.example.backend.persistence.AuditedEntity;

/**
 * A post. The author is kept as an id, not as a relation to the users feature's entity:
 * features meet through services, and the author's display name is fetched for a whole
 * page at once.
 */
@Entity
@Table(name = "posts")
class Post extends AuditedEntity {

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

	/**
	 * Who last changed the post: the author, or a moderator or admin who edited or
	 * unpublished it (null once that account is deleted).
	 */
	@Column(name = "updated_by")
	private Long updatedBy;

	protected Post() {
	}

	Post(long authorId, String title, String body, PostStatus status) {
		this.authorId = authorId;
		edit(authorId, title, body, status);
	}

	/** Replaces the content; the title is stored without surrounding blanks. */
	void edit(long editorId, String title, String body, PostStatus status) {
		this.title = title.trim();
		this.body = body;
		this.status = status;
		this.updatedBy = editorId;
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

	Long getUpdatedBy() {
		return this.updatedBy;
	}

}
