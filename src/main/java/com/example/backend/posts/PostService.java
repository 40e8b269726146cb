package com.example.backend.posts;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
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
 * Lists load a page of posts, then the authors' names of that page in one query: three
 * statements (page, count, names) whatever the page size.
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

	public Page<PostResponse> listPublished(Long authorId, Pageable pageable) {
		Page<Post> page = (authorId == null) ? this.posts.findPublished(pageable)
				: this.posts.findPublishedByAuthor(authorId, pageable);
		return withAuthors(page);
	}

	/** An author's posts: published ones for everybody, drafts too for the author. */
	public Page<PostResponse> listByAuthor(Actor actor, long authorId, Pageable pageable) {
		if (!this.users.exists(authorId)) {
			throw new NotFound("User", authorId);
		}
		boolean own = actor != null && actor.isSelf(authorId);
		return withAuthors(own ? this.posts.findAllByAuthor(authorId, pageable)
				: this.posts.findPublishedByAuthor(authorId, pageable));
	}

	public PostResponse get(Actor actor, long id) {
		return withAuthor(loadVisible(actor, id));
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
			.filter(post -> post.isPublished()
					|| (actor != null && actor.ownsOr(post.getAuthorId(), Permission.POST_MODERATE)))
			// A draft the caller may not see does not exist for them.
			.orElseThrow(() -> new NotFound("Post", id));
	}

	private PostResponse withAuthor(Post post) {
		Map<Long, String> names = this.users.displayNames(Set.of(post.getAuthorId()));
		return PostResponse.of(post, names.get(post.getAuthorId()));
	}

	private Page<PostResponse> withAuthors(Page<Post> page) {
		Set<Long> authorIds = page.getContent().stream().map(Post::getAuthorId).collect(Collectors.toSet());
		Map<Long, String> names = this.users.displayNames(authorIds);
		return page.map(post -> PostResponse.of(post, names.get(post.getAuthorId())));
	}

}
