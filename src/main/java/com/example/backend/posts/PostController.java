package com.example.backend.posts;

import java.net.URI;
import java.util.Set;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.backend.contract.ProblemType;
import com.example.backend.access.Actor;
import com.example.backend.posts.PostExceptions.VersionRequired;
import com.example.backend.web.AccessToken;
import com.example.backend.web.ETags;
import com.example.backend.web.Paging;
import com.example.backend.web.Responds;

import static com.example.backend.web.Responds.Header.ETAG;
import static com.example.backend.web.Responds.Header.LOCATION;

@RestController
@Tag(name = "Posts")
class PostController {

	/** Only createdAt is offered: it is the only sort the indexes serve. */
	private static final Set<String> SORTABLE = Set.of("createdAt");

	private final PostService posts;

	PostController(PostService posts) {
		this.posts = posts;
	}

	@GetMapping("/api/v1/posts")
	@AccessToken(AccessToken.Use.OPTIONAL)
	@Operation(summary = "Published posts, newest first",
			description = "Paged; `authorId` narrows to one author; sortable by createdAt only.")
	PagedModel<PostResponse> list(@RequestParam(required = false) @Schema(minimum = "1") Long authorId,
			@PageableDefault(size = 20, sort = "createdAt", direction = Sort.Direction.DESC) Pageable pageable) {
		return new PagedModel<>(this.posts.listPublished(authorId, Paging.sortedBy(pageable, SORTABLE)));
	}

	@GetMapping("/api/v1/users/{id}/posts")
	@AccessToken(AccessToken.Use.OPTIONAL)
	@Operation(summary = "One author's posts",
			description = "Published posts; the author also sees their drafts (send the token). 404 for unknown users.")
	PagedModel<PostResponse> byAuthor(@AuthenticationPrincipal Actor actor, @PathVariable long id,
			@PageableDefault(size = 20, sort = "createdAt", direction = Sort.Direction.DESC) Pageable pageable) {
		return new PagedModel<>(this.posts.listByAuthor(actor, id, Paging.sortedBy(pageable, SORTABLE)));
	}

	@Responds(headers = ETAG)
	@GetMapping("/api/v1/posts/{id}")
	@AccessToken(AccessToken.Use.OPTIONAL)
	@Operation(summary = "One post, with ETag",
			description = "Drafts only for their author, moderators and admins (404 for others). "
					+ "Answers 304 to a matching If-None-Match.")
	ResponseEntity<PostResponse> get(@AuthenticationPrincipal Actor actor, @PathVariable long id) {
		PostResponse post = this.posts.get(actor, id);
		return ETags.ok(post, post.version());
	}

	@Responds(status = 201, headers = { LOCATION, ETAG })
	@PostMapping("/api/v1/posts")
	@PreAuthorize("hasAuthority('post:write-own')")
	@Operation(summary = "Create a post")
	ResponseEntity<PostResponse> create(@AuthenticationPrincipal Actor actor, @Valid @RequestBody PostRequest request) {
		PostResponse post = this.posts.create(actor, request);
		return ResponseEntity.created(URI.create("/api/v1/posts/" + post.id()))
			.eTag(ETags.of(post.version()))
			.body(post);
	}

	@Responds(headers = ETAG,
			problems = { ProblemType.FORBIDDEN, ProblemType.STALE_VERSION, ProblemType.PRECONDITION_FAILED,
					ProblemType.PRECONDITION_REQUIRED })
	@PutMapping("/api/v1/posts/{id}")
	@Operation(summary = "Replace a post (author, MODERATOR, ADMIN)",
			description = "Needs `version` in the body (409 when stale) or an `If-Match` ETag (412 when stale); "
					+ "with neither the answer is 428. Moderators unpublish by setting status DRAFT.")
	ResponseEntity<PostResponse> update(@AuthenticationPrincipal Actor actor, @PathVariable long id,
			@Parameter(description = "ETag from GET, e.g. \"3\"") @RequestHeader(name = HttpHeaders.IF_MATCH,
					required = false) String ifMatch,
			@Valid @RequestBody PostRequest request) {
		if (ifMatch == null && request.version() == null) {
			throw new VersionRequired();
		}
		PostResponse post = this.posts.update(actor, id, request, ETags.expectedVersion(ifMatch, request.version()));
		return ETags.ok(post, post.version());
	}

	@Responds(status = 204, problems = ProblemType.FORBIDDEN)
	@DeleteMapping("/api/v1/posts/{id}")
	@Operation(summary = "Delete a post (author, MODERATOR, ADMIN)")
	ResponseEntity<Void> delete(@AuthenticationPrincipal Actor actor, @PathVariable long id) {
		this.posts.delete(actor, id);
		return ResponseEntity.noContent().build();
	}

}
