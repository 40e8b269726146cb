package com.example.backend.users;

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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.backend.contract.ProblemType;
import com.example.backend.access.Actor;
import com.example.backend.web.ETags;
import com.example.backend.web.Paging;
import com.example.backend.web.Responds;

import static com.example.backend.web.Responds.Header.ETAG;

@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Users", description = "Profiles and, for ADMIN, account management")
class UserController {

	private static final Set<String> SORTABLE = Set.of("createdAt", "id");

	private final UserService users;

	UserController(UserService users) {
		this.users = users;
	}

	@Responds(headers = ETAG)
	@GetMapping("/me")
	@Operation(summary = "The current user")
	ResponseEntity<UserResponse> me(@AuthenticationPrincipal Actor actor) {
		UserResponse user = this.users.get(actor, actor.userId());
		return ETags.ok(user, user.version());
	}

	@GetMapping
	@PreAuthorize("hasAuthority('user:manage')")
	@Operation(summary = "List users (ADMIN)",
			description = "Paged; `q` matches a case-insensitive substring of email or display name. "
					+ "Sortable by createdAt and id (each served by an index).")
	PagedModel<UserResponse> list(
			@RequestParam(required = false) @Parameter(description = "search text",
					schema = @Schema(type = "string", maxLength = 254)) String q,
			@PageableDefault(size = 20, sort = "createdAt", direction = Sort.Direction.ASC) Pageable pageable) {
		return new PagedModel<>(this.users.search(q, Paging.sortedBy(pageable, SORTABLE)));
	}

	@Responds(headers = ETAG, problems = ProblemType.FORBIDDEN)
	@GetMapping("/{id}")
	@Operation(summary = "One user (self, MODERATOR, ADMIN)")
	ResponseEntity<UserResponse> get(@AuthenticationPrincipal Actor actor, @PathVariable long id) {
		UserResponse user = this.users.get(actor, id);
		return ETags.ok(user, user.version());
	}

	@Responds(headers = ETAG,
			problems = { ProblemType.FORBIDDEN, ProblemType.STALE_VERSION, ProblemType.PRECONDITION_FAILED,
					ProblemType.CURRENT_PASSWORD_MISMATCH, ProblemType.TOO_MANY_PASSWORD_CHECKS })
	@PatchMapping("/{id}")
	@Operation(summary = "Update display name or password (self, ADMIN)",
			description = "Changing one's own password needs `currentPassword` and signs out every session "
					+ "of the user (tokens issued before stop working). `version` (409 when stale) or `If-Match` "
					+ "(412 when stale) guard against lost updates. Wrong current passwords are limited like logins "
					+ "(5 per account in 15 minutes, configurable; 429 with Retry-After beyond).")
	ResponseEntity<UserResponse> update(@AuthenticationPrincipal Actor actor, @PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody UpdateUserRequest request) {
		UserResponse user = this.users.update(actor, id, request, ETags.expectedVersion(ifMatch, request.version()));
		return ETags.ok(user, user.version());
	}

	@Responds(problems = ProblemType.LAST_ADMIN)
	@PutMapping("/{id}/role")
	@PreAuthorize("hasAuthority('user:manage')")
	@Operation(summary = "Change a user's role (ADMIN)",
			description = "Nobody can change their own role; the last ADMIN cannot be demoted (409). "
					+ "The user's existing tokens stop working.")
	UserResponse changeRole(@AuthenticationPrincipal Actor actor, @PathVariable long id,
			@Valid @RequestBody ChangeRoleRequest request) {
		return this.users.changeRole(actor, id, request.role());
	}

	@Responds(status = 204, problems = ProblemType.LAST_ADMIN)
	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('user:manage')")
	@Operation(summary = "Delete a user (ADMIN)", description = "The last ADMIN cannot be deleted (409).")
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.users.delete(id);
		return ResponseEntity.noContent().build();
	}

}
