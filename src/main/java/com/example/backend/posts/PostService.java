package com.example.backend.posts;

import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.backend.access.Actor;
import com.example.backend.access.Permission;
import com.example.backend.posts.PostExceptions.NotYourPost;
import com.example.backend.users.UserService;
import com.example.backend.web.NotFound;
import com.example.backend.web.StaleVersion;

/**
 * Posts and their visibility rules: published posts are public; drafts are seen only by
 * their author and by callers with {@code post:moderate}. To everyone else a draft does
 * not exist (404). Changing a post needs authorship or {@code post:moderate}.
 * <p>
 * Reads fetch each post with its author's display name in one statement; a list is two
 * statements (page, count) whatever the page size. Reads run without a transaction of
 * their own ({@code SUPPORTS}, see {@link PostRepository}): it would add nothing but two
 * round trips.
 */
@Service
@Transactional(readOnly = true)
public class PostService {

	private final PostRepository posts;

	private final UserService users;

	PostService(PostRepository posts, UserService users) {
		this.posts = posts;
		this.users = users;
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public Page<PostResponse> listPublished(Long authorId, Pageable pageable) {
		Page<PostWithAuthor> page = (authorId == null) ? this.posts.findPublished(pageable)
				: this.posts.findPublishedByAuthor(authorId, pageable);
		return page.map(PostWithAuthor::toResponse);
	}

	/** An author's posts: published ones for everybody, drafts too for the author. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Page<PostResponse> listByAuthor(Actor actor, long authorId, Pageable pageable) {
		if (!this.users.exists(authorId)) {
			throw new NotFound("User", authorId);
		}
		boolean own = actor != null && actor.isSelf(authorId);
		return (own ? this.posts.findAllByAuthor(authorId, pageable)
				: this.posts.findPublishedByAuthor(authorId, pageable))
			.map(PostWithAuthor::toResponse);
	}

	@Transactional(propagation = Propagation.SUPPORTS)
	public PostResponse get(Actor actor, long id) {
		return this.posts.findWithAuthor(id)
			.filter(found -> isVisible(actor, found.post()))
			.orElseThrow(() -> new NotFound("Post", id))
			.toResponse();
	}

	@Transactional
	public PostResponse create(Actor actor, PostRequest request) {
		Post post = new Post(actor.userId(), request.title(), request.body(), request.status());
		return withAuthor(this.posts.saveAndFlush(post));
	}

	/**
	 * Full update guarded by optimistic locking: changes nothing unless the post is still
	 * at {@code expectedVersion} (null: unconditional). The request's own {@code version}
	 * field is not read here; the controller folds it into {@code expectedVersion}.
	 */
	@Transactional
	public PostResponse update(Actor actor, long id, PostRequest request, Long expectedVersion) {
		Post post = loadChangeable(actor, id);
		if (expectedVersion != null && expectedVersion != post.getVersion()) {
			throw new StaleVersion("post");
		}
		post.edit(request.title(), request.body(), request.status());
		return withAuthor(this.posts.saveAndFlush(post));
	}

	@Transactional
	public void delete(Actor actor, long id) {
		this.posts.delete(loadChangeable(actor, id));
	}

	private Post loadChangeable(Actor actor, long id) {
		Post post = loadVisible(actor, id);
		if (!actor.ownsOr(post.getAuthorId(), Permission.POST_MODERATE)) {
			throw new NotYourPost();
		}
		return post;
	}

	private Post loadVisible(Actor actor, long id) {
		return this.posts.findById(id)
			.filter(post -> isVisible(actor, post))
			.orElseThrow(() -> new NotFound("Post", id));
	}

	/** A draft the caller may not see does not exist for them. */
	private static boolean isVisible(Actor actor, Post post) {
		return post.isPublished() || (actor != null && actor.ownsOr(post.getAuthorId(), Permission.POST_MODERATE));
	}

	private PostResponse withAuthor(Post post) {
		Map<Long, String> names = this.users.displayNames(Set.of(post.getAuthorId()));
		return PostResponse.of(post, names.get(post.getAuthorId()));
	}

}
