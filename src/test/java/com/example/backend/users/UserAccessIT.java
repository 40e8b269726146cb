package com.example.backend.users;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.example.backend.support.Api;
import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The users part of the permission matrix, over real HTTP. */
class UserAccessIT extends IntegrationTest {

	@Test
	void userReadsOwnProfileButNotAnotherOne() {
		Session user = this.api.newUser();
		Session other = this.api.newUser();

		assertThat(this.api.get("/api/v1/users/" + user.id(), user.auth()).status()).isEqualTo(200);
		this.api.get("/api/v1/users/" + other.id(), user.auth()).assertProblem(403, "forbidden");
	}

	@Test
	void forbiddenAnswerDoesNotRevealWhetherAUserExists() {
		Session user = this.api.newUser();
		Session other = this.api.newUser();
		JsonNode existing = this.api.get("/api/v1/users/" + other.id(), user.auth()).assertProblem(403, "forbidden");
		JsonNode missing = this.api.get("/api/v1/users/999999999", user.auth()).assertProblem(403, "forbidden");

		assertThat(existing.get("detail")).isEqualTo(missing.get("detail"));
	}

	@Test
	void moderatorReadsAnyProfileButCannotListOrChangeOthers() {
		Session moderator = promoted(this.api.newUser(), "MODERATOR");
		Session other = this.api.newUser();

		assertThat(this.api.get("/api/v1/users/" + other.id(), moderator.auth()).status()).isEqualTo(200);
		this.api.get("/api/v1/users", moderator.auth()).assertProblem(403, "forbidden");
		this.api.patch("/api/v1/users/" + other.id(), Map.of("displayName", "Renamed"), moderator.auth())
			.assertProblem(403, "forbidden");
		this.api.put("/api/v1/users/" + other.id() + "/role", Map.of("role", "USER"), moderator.auth())
			.assertProblem(403, "forbidden");
		this.api.delete("/api/v1/users/" + other.id(), moderator.auth()).assertProblem(403, "forbidden");
	}

	@Test
	void userCannotRaiseOwnRole() {
		Session user = this.api.newUser();

		this.api.put("/api/v1/users/" + user.id() + "/role", Map.of("role", "ADMIN"), user.auth())
			.assertProblem(403, "forbidden");
		assertThat(this.api.get("/api/v1/users/me", user.auth()).json().get("role").asString()).isEqualTo("USER");
	}

	@Test
	void userCannotRaiseRoleThroughProfileUpdate() {
		Session user = this.api.newUser();
		Response response = this.api.patch("/api/v1/users/" + user.id(),
				Map.of("displayName", "Sneaky", "role", "ADMIN"), user.auth());

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("role").asString()).isEqualTo("USER");
	}

	@Test
	void adminCannotChangeOwnRole() {
		Session admin = admin();

		this.api.put("/api/v1/users/" + admin.id() + "/role", Map.of("role", "USER"), admin.auth())
			.assertProblem(403, "forbidden");
	}

	@Test
	void adminListsAndSearchesUsers() {
		Session user = this.api.newUser();
		String uniquePart = user.email().substring(5, 20);
		Response response = this.api.get("/api/v1/users?q=" + uniquePart.toUpperCase(), admin().auth());

		assertThat(response.status()).isEqualTo(200);
		JsonNode page = response.json();
		assertThat(page.get("content").size()).isEqualTo(1);
		assertThat(page.get("content").get(0).get("id").asLong()).isEqualTo(user.id());
		assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(1);
		assertThat(page.get("page").get("number").asInt()).isZero();
	}

	@Test
	void searchTreatsLikeWildcardsAsText() {
		JsonNode page = this.api.get("/api/v1/users?q=%25", admin().auth()).json();

		assertThat(page.get("page").get("totalElements").asLong()).isZero();
	}

	@Test
	void pageSizeIsCappedAtOneHundred() {
		JsonNode page = this.api.get("/api/v1/users?size=500", admin().auth()).json();

		assertThat(page.get("page").get("size").asInt()).isEqualTo(100);
	}

	@Test
	void sortingBySecretOrUnknownPropertiesIsRejected() {
		this.api.get("/api/v1/users?sort=passwordHash", admin().auth()).assertProblem(400, "malformed-request");
		this.api.get("/api/v1/users?sort=nope,desc", admin().auth()).assertProblem(400, "malformed-request");
		// Only sorts with an index behind them are offered.
		this.api.get("/api/v1/users?sort=email", admin().auth()).assertProblem(400, "malformed-request");
		assertThat(this.api.get("/api/v1/users?sort=createdAt,desc", admin().auth()).status()).isEqualTo(200);
	}

	@Test
	void userUpdatesOwnDisplayNameWithOptimisticLocking() {
		Session user = this.api.newUser();
		Response renamed = this.api.patch("/api/v1/users/" + user.id(),
				Map.of("displayName", "  New Name ", "version", 0), user.auth());

		assertThat(renamed.status()).isEqualTo(200);
		assertThat(renamed.json().get("displayName").asString()).isEqualTo("New Name");
		assertThat(renamed.json().get("version").asLong()).isEqualTo(1);
		this.api.patch("/api/v1/users/" + user.id(), Map.of("displayName", "Stale", "version", 0), user.auth())
			.assertProblem(409, "stale-version");
		assertThat(this.api.get("/api/v1/users/me", user.auth()).json().get("displayName").asString())
			.isEqualTo("New Name");
	}

	@Test
	void staleIfMatchOnAProfileIsPreconditionFailed() {
		Session user = this.api.newUser();
		Response me = this.api.get("/api/v1/users/me", user.auth());
		assertThat(me.header("ETag")).isEqualTo("\"0\"");

		this.api.patch("/api/v1/users/" + user.id(), Map.of("displayName", "First"),
				user.authWith("If-Match", "\"0\""));
		this.api.patch("/api/v1/users/" + user.id(), Map.of("displayName", "Lost"), user.authWith("If-Match", "\"0\""))
			.assertProblem(412, "precondition-failed");
		assertThat(this.api.get("/api/v1/users/me", user.auth()).json().get("displayName").asString())
			.isEqualTo("First");
	}

	@Test
	void ownPasswordChangeNeedsTheCurrentPassword() {
		Session user = this.api.newUser();

		this.api.patch("/api/v1/users/" + user.id(), Map.of("password", "another-password"), user.auth())
			.assertProblem(422, "current-password-mismatch");
		this.api
			.patch("/api/v1/users/" + user.id(),
					Map.of("password", "another-password", "currentPassword", "wrong-password"), user.auth())
			.assertProblem(422, "current-password-mismatch");
		assertThat(this.api.login(user.email(), Api.PASSWORD).accessToken()).isNotBlank();
	}

	/**
	 * With a stolen access token, the current password could be guessed without limit,
	 * and the right guess changed it and signed the owner out everywhere.
	 */
	@Test
	void currentPasswordChecksAreThrottledLikeLogins() {
		Session user = this.api.newUser();
		for (int guess = 0; guess < 5; guess++) {
			this.api
				.patch("/api/v1/users/" + user.id(),
						Map.of("password", "taken-over-password", "currentPassword", "guess-" + guess), user.auth())
				.assertProblem(422, "current-password-mismatch");
		}
		Response throttled = this.api.patch("/api/v1/users/" + user.id(),
				Map.of("password", "taken-over-password", "currentPassword", Api.PASSWORD), user.auth());

		throttled.assertProblem(429, "too-many-password-checks");
		assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
		assertThat(this.api.login(user.email(), Api.PASSWORD).accessToken()).isNotBlank();
	}

	@Test
	void adminResetsAnotherUsersPassword() {
		Session user = this.api.newUser();
		Response reset = this.api.patch("/api/v1/users/" + user.id(), Map.of("password", "reset-by-admin"),
				admin().auth());

		assertThat(reset.status()).isEqualTo(200);
		assertThat(this.api.login(user.email(), "reset-by-admin").accessToken()).isNotBlank();
	}

	@Test
	void invalidProfileUpdateListsTheFields() {
		Session user = this.api.newUser();
		JsonNode problem = this.api
			.patch("/api/v1/users/" + user.id(), Map.of("displayName", " ", "password", "short"), user.auth())
			.assertProblem(422, "validation-failed");

		assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("displayName", "password");
	}

	@Test
	void adminChangesRolesAndDeletesUsers() {
		Session user = this.api.newUser();
		Session admin = admin();
		Response promoted = this.api.put("/api/v1/users/" + user.id() + "/role", Map.of("role", "MODERATOR"),
				admin.auth());

		assertThat(promoted.json().get("role").asString()).isEqualTo("MODERATOR");
		this.api.put("/api/v1/users/" + user.id() + "/role", Map.of("role", "KING"), admin.auth())
			.assertProblem(400, "malformed-request");
		assertThat(this.api.delete("/api/v1/users/" + user.id(), admin.auth()).status()).isEqualTo(204);
		this.api.get("/api/v1/users/" + user.id(), admin.auth()).assertProblem(404, "not-found");
		this.api.delete("/api/v1/users/" + user.id(), admin.auth()).assertProblem(404, "not-found");
	}

	@Test
	void adminCanDemoteAnotherAdminWhileOneRemains() {
		Session second = promoted(this.api.newUser(), "ADMIN");
		Response demoted = this.api.put("/api/v1/users/" + second.id() + "/role", Map.of("role", "USER"),
				admin().auth());

		assertThat(demoted.status()).isEqualTo(200);
	}

	private Session promoted(Session user, String role) {
		Response response = this.api.put("/api/v1/users/" + user.id() + "/role", Map.of("role", role), admin().auth());
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return this.api.login(user.email(), Api.PASSWORD);
	}

}
