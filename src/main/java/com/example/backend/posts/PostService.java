package com.example.backend.posts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.backend.access.Actor;
import com.example.backend.access.Permission;
import com.example.backend.posts.PostExceptions.DraftBelongsToItsAuthor;
import com.example.backend.posts.PostExceptions.NotYourPost;
import com.example.backend.cache.CacheAside;
import com.example.backend.cache.Caches;
import com.example.backend.users.UserDeleted;
import com.example.backend.users.UserRenamed;
import com.example.backend.users.UserResponse;
import com.example.backend.users.UserService;
import com.example.backend.errors.NotFound;
import com.example.backend.errors.StaleVersion;

/**
 * Posts and their visibility rules: published posts are public; drafts are seen only by
 * their author and by callers with {@code post:moderate}. To everyone else a draft does
 * not exist (404). Changing a post needs authorship or {@code post:moderate}.
 * <p>
 * Reads fetch each post with its author's display name in one statement; a list is two
 * statements (page, count) whatever the page size. Reads run without a transaction of
 * their own ({@code SUPPORTS}, see {@link PostRepository}): it would add nothing but two
 * round trips. The read of one post has no transaction attribute at all (no interceptor)
 * and goes through {@link PostReads}.
 */
@Service
public class PostService {

	/** What {@code GET /posts} without parameters asks for: the page most often read. */
	static final Pageable FIRST_PAGE = PageRequest.of(0, 20,
			Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by(Sort.Direction.DESC, "id")));

	private static final String FIRST_PAGE_KEY = "published";

	private final PostRepository posts;

	private final PostReads reads;

	private final UserService users;

	/** Posts without their author's name, which comes from the user cache when read. */
	private final CacheAside<PostResponse> postCache;

	private final CacheAside<FirstPage> firstPageCache;

	PostService(PostRepository posts, PostReads reads, UserService users, Caches caches) {
		this.posts = posts;
		this.reads = reads;
		this.users = users;
		this.postCache = caches.define("post", 1, PostResponse.class);
		this.firstPageCache = caches.define("post-first-page", 1, FirstPage.class);
	}

	/**
	 * Published posts. The first page in the default order is cached: any post change, or
	 * an author's rename or deletion, evicts it.
	 */
	@Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
	public Page<PostResponse> listPublished(Long authorId, Pageable pageable) {
		if (authorId == null && FIRST_PAGE.equals(pageable)) {
			FirstPage first = this.firstPageCache
				.get(FIRST_PAGE_KEY, () -> Optional.of(FirstPage.of(loadPublished(null, pageable))))
				.orElseThrow();
			return new PageImpl<>(first.posts(), pageable, first.total());
		}
		return loadPublished(authorId, pageable);
	}

	private Page<PostResponse> loadPublished(Long authorId, Pageable pageable) {
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

	/**
	 * A post through the cache, which keeps it without its author's name (a rename then
	 * evicts no posts): on a hit the name comes from the user cache; on a miss the one
	 * statement that loads the post joins the name, and no second lookup is made.
	 */
	public PostResponse get(Actor actor, long id) {
		AtomicReference<String> nameReadWithPost = new AtomicReference<>();
		PostResponse post = this.postCache.get(id, () -> this.reads.findWithAuthor(id).map((found) -> {
			nameReadWithPost.set(found.authorName());
			return found.toResponse().withAuthorName(null);
		}))
			.filter((found) -> isVisible(actor, found.status(), found.author().id()))
			.orElseThrow(() -> new NotFound("Post", id));
		String authorName = (nameReadWithPost.get() != null) ? nameReadWithPost.get()
				: this.users.find(post.author().id()).map(UserResponse::displayName).orElse(null);
		return post.withAuthorName(authorName);
	}

	@Transactional
	public PostResponse create(Actor actor, PostRequest request) {
		Post post = new Post(actor.userId(), request.title(), request.body(), request.status());
		this.firstPageCache.evictAfterCommit(FIRST_PAGE_KEY);
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
		if (!actor.isSelf(post.getAuthorId()) && post.getStatus() == PostStatus.DRAFT) {
			// Moderation is of what is published: a draft, and publishing it, stay the
			// author's, since the post appears under the author's name.
			throw new DraftBelongsToItsAuthor();
		}
		if (expectedVersion != null && expectedVersion != post.getVersion()) {
			throw new StaleVersion("post");
		}
		post.edit(actor.userId(), request.title(), request.body(), request.status());
		evictAfterCommit(List.of(id));
		return withAuthor(this.posts.saveAndFlush(post));
	}

	@Transactional
	public void delete(Actor actor, long id) {
		this.posts.delete(loadChangeable(actor, id));
		evictAfterCommit(List.of(id));
	}

	/** The first page shows authors' names. */
	@EventListener
	@Transactional(readOnly = true)
	void on(UserRenamed renamed) {
		this.firstPageCache.evictAfterCommit(FIRST_PAGE_KEY);
	}

	/** The database deletes the user's posts with them (cascade). */
	@EventListener
	@Transactional(readOnly = true)
	void on(UserDeleted deleted) {
		evictAfterCommit(this.posts.findIdsByAuthor(deleted.userId()));
	}

	private void evictAfterCommit(List<Long> postIds) {
		this.postCache.evictAfterCommit(postIds);
		this.firstPageCache.evictAfterCommit(FIRST_PAGE_KEY);
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
			.filter((post) -> isVisible(actor, post.getStatus(), post.getAuthorId()))
			.orElseThrow(() -> new NotFound("Post", id));
	}

	/** A draft the caller may not see does not exist for them. */
	private static boolean isVisible(Actor actor, PostStatus status, long authorId) {
		return status == PostStatus.PUBLISHED || (actor != null && actor.ownsOr(authorId, Permission.POST_MODERATE));
	}

	private PostResponse withAuthor(Post post) {
		Map<Long, String> names = this.users.displayNames(Set.of(post.getAuthorId()));
		return PostResponse.of(post, names.get(post.getAuthorId()));
	}

}
