package com.example.backend.posts;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.Concurrently;
import com.example.backend.support.Fixtures;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class PostsIT extends IntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	private Fixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new Fixtures(this.api, admin());
	}

	@Test
	void createsAPostWithAuthorAndEtag() {
		Session author = this.api.newUser();
		Response created = this.api.post("/api/v1/posts",
				Map.of("title", " Hello ", "body", "World", "status", "PUBLISHED"), author.auth());

		assertThat(created.status()).isEqualTo(201);
		JsonNode post = created.json();
		assertThat(created.header("Location")).isEqualTo("/api/v1/posts/" + post.get("id").asLong());
		assertThat(created.header("ETag")).isEqualTo("\"0\"");
		assertThat(post.get("title").asString()).isEqualTo("Hello");
		assertThat(post.get("author").get("id").asLong()).isEqualTo(author.id());
		assertThat(post.get("author").get("displayName").asString()).isEqualTo("Test User");
	}

	@Test
	void publishedPostsArePublicAndNewestFirst() {
		Session author = this.api.newUser();
		long first = this.fixtures.post(author, "PUBLISHED").get("id").asLong();
		long draft = this.fixtures.post(author, "DRAFT").get("id").asLong();
		long second = this.fixtures.post(author, "PUBLISHED").get("id").asLong();

		assertThat(this.api.get("/api/v1/posts?authorId=" + author.id()).ids()).containsExactly(second, first);
		assertThat(this.api.get("/api/v1/posts/" + first).status()).isEqualTo(200);
		this.api.get("/api/v1/posts/" + draft).assertProblem(404, "not-found");
		assertThat(this.api.get("/api/v1/posts?size=100").ids()).doesNotContain(draft);
	}

	@Test
	void draftsAreVisibleToAuthorModeratorAndAdminOnly() {
		Session author = this.api.newUser();
		Session stranger = this.api.newUser();
		long draft = this.fixtures.post(author, "DRAFT").get("id").asLong();

		assertThat(this.api.get("/api/v1/posts/" + draft, author.auth()).status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/posts/" + draft, admin().auth()).status()).isEqualTo(200);
		this.api.get("/api/v1/posts/" + draft, stranger.auth()).assertProblem(404, "not-found");
		this.api.put("/api/v1/posts/" + draft, update("x", 0), stranger.auth()).assertProblem(404, "not-found");
		this.api.delete("/api/v1/posts/" + draft, stranger.auth()).assertProblem(404, "not-found");
	}

	@Test
	void authorPageShowsDraftsToTheAuthorOnly() {
		Session author = this.api.newUser();
		this.fixtures.post(author, "PUBLISHED");
		this.fixtures.post(author, "DRAFT");

		String path = "/api/v1/users/" + author.id() + "/posts";
		assertThat(this.api.get(path, author.auth()).json().get("page").get("totalElements").asLong()).isEqualTo(2);
		assertThat(this.api.get(path).json().get("page").get("totalElements").asLong()).isEqualTo(1);
		assertThat(this.api.get(path, this.api.newUser().auth()).json().get("page").get("totalElements").asLong())
			.isEqualTo(1);
		this.api.get("/api/v1/users/987654321/posts").assertProblem(404, "not-found");
	}

	@Test
	void conditionalGetAnswersNotModified() {
		JsonNode post = this.fixtures.post(this.api.newUser(), "PUBLISHED");
		String path = "/api/v1/posts/" + post.get("id").asLong();
		String etag = this.api.get(path).header("ETag");

		assertThat(this.api.get(path, "If-None-Match", etag).status()).isEqualTo(304);
		assertThat(this.api.get(path, "If-None-Match", "\"999\"").status()).isEqualTo(200);
	}

	@Test
	void updateWithCurrentVersionOrEtagSucceeds() {
		Session author = this.api.newUser();
		long id = this.fixtures.post(author, "DRAFT").get("id").asLong();

		Response byVersion = this.api.put("/api/v1/posts/" + id, update("By version", 0), author.auth());
		assertThat(byVersion.status()).isEqualTo(200);
		assertThat(byVersion.header("ETag")).isEqualTo("\"1\"");
		Response byEtag = this.api.put("/api/v1/posts/" + id,
				Map.of("title", "By ETag", "body", "b", "status", "PUBLISHED"), author.authWith("If-Match", "\"1\""));
		assertThat(byEtag.status()).isEqualTo(200);
		assertThat(byEtag.json().get("status").asString()).isEqualTo("PUBLISHED");
		assertThat(byEtag.json().get("version").asLong()).isEqualTo(2);
	}

	@Test
	void staleVersionIsConflictAndChangesNothing() {
		Session author = this.api.newUser();
		long id = this.fixtures.post(author, "PUBLISHED").get("id").asLong();
		this.api.put("/api/v1/posts/" + id, update("First edit", 0), author.auth());

		this.api.put("/api/v1/posts/" + id, update("Lost update", 0), author.auth())
			.assertProblem(409, "stale-version");
		assertThat(this.api.get("/api/v1/posts/" + id).json().get("title").asString()).isEqualTo("First edit");
	}

	@Test
	void concurrentEditsOfOneVersionLetExactlyOneWin() throws Exception {
		Session author = this.api.newUser();
		long id = this.fixtures.post(author, "PUBLISHED").get("id").asLong();
		List<Response> edits = Concurrently.run(8,
				(editor) -> () -> this.api.put("/api/v1/posts/" + id, update("Edit " + editor, 0), author.auth()));

		assertThat(edits).extracting(Response::status).containsOnly(200, 409).containsOnlyOnce(200);
		assertThat(this.api.get("/api/v1/posts/" + id).json().get("version").asLong()).isEqualTo(1);
	}

	@Test
	void staleIfMatchIsPreconditionFailedAndChangesNothing() {
		Session author = this.api.newUser();
		long id = this.fixtures.post(author, "PUBLISHED").get("id").asLong();
		this.api.put("/api/v1/posts/" + id, update("First edit", 0), author.auth());

		this.api
			.put("/api/v1/posts/" + id, Map.of("title", "Lost", "body", "b", "status", "PUBLISHED"),
					author.authWith("If-Match", "\"0\""))
			.assertProblem(412, "precondition-failed");
		this.api
			.put("/api/v1/posts/" + id, Map.of("title", "Weak", "body", "b", "status", "PUBLISHED"),
					author.authWith("If-Match", "W/\"1\""))
			.assertProblem(412, "precondition-failed");
		assertThat(this.api.get("/api/v1/posts/" + id).json().get("title").asString()).isEqualTo("First edit");
	}

	@Test
	void updateWithoutAnyVersionIsPreconditionRequired() {
		Session author = this.api.newUser();
		long id = this.fixtures.post(author, "PUBLISHED").get("id").asLong();

		this.api.put("/api/v1/posts/" + id, Map.of("title", "t", "body", "b", "status", "DRAFT"), author.auth())
			.assertProblem(428, "precondition-required");
	}

	@Test
	void onlyAuthorOrModeratorChangesAPublishedPost() {
		Session author = this.api.newUser();
		Session stranger = this.api.newUser();
		long id = this.fixtures.post(author, "PUBLISHED").get("id").asLong();

		this.api.put("/api/v1/posts/" + id, update("Hijack", 0), stranger.auth()).assertProblem(403, "forbidden");
		this.api.delete("/api/v1/posts/" + id, stranger.auth()).assertProblem(403, "forbidden");
		Response unpublished = this.api.put("/api/v1/posts/" + id,
				Map.of("title", "Unpublished", "body", "b", "status", "DRAFT", "version", 0), admin().auth());
		assertThat(unpublished.status()).isEqualTo(200);
		this.api.get("/api/v1/posts/" + id).assertProblem(404, "not-found");
		assertThat(this.api.delete("/api/v1/posts/" + id, author.auth()).status()).isEqualTo(204);
		this.api.get("/api/v1/posts/" + id, author.auth()).assertProblem(404, "not-found");
	}

	@Test
	void aModeratorUnpublishesButNeverRewritesOrPublishesADraftAndIsRecordedAsTheEditor() {
		Session author = this.api.newUser();
		Session admin = admin();
		long id = this.fixtures.post(author, "PUBLISHED").get("id").asLong();
		assertThat(editor(id)).isEqualTo(author.id());

		assertThat(this.api
			.put("/api/v1/posts/" + id, Map.of("title", "Unpublished", "body", "b", "status", "DRAFT", "version", 0),
					admin.auth())
			.status()).isEqualTo(200);
		assertThat(editor(id)).isEqualTo(admin.id());

		// Now a draft again: the author's to fix and publish, nobody else's.
		this.api
			.put("/api/v1/posts/" + id, Map.of("title", "Mine now", "body", "b", "status", "PUBLISHED", "version", 1),
					admin.auth())
			.assertProblem(403, "forbidden");
		assertThat(this.api.get("/api/v1/posts/" + id, admin.auth()).json().get("title").asString())
			.isEqualTo("Unpublished");
		assertThat(this.api
			.put("/api/v1/posts/" + id, Map.of("title", "Fixed", "body", "b", "status", "PUBLISHED", "version", 1),
					author.auth())
			.status()).isEqualTo(200);
		assertThat(editor(id)).isEqualTo(author.id());
	}

	@Test
	void invalidPostsListTheFields() {
		Session author = this.api.newUser();
		JsonNode problem = this.api.post("/api/v1/posts", Map.of("title", "t".repeat(201), "body", ""), author.auth())
			.assertProblem(422, "validation-failed");

		assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("body", "status", "title");
		this.api
			.post("/api/v1/posts", Map.of("title", "t", "body", "b".repeat(20001), "status", "DRAFT"), author.auth())
			.assertProblem(422, "validation-failed");
		this.api.post("/api/v1/posts", Map.of("title", "t", "body", "b", "status", "SECRET"), author.auth())
			.assertProblem(400, "malformed-request");
		this.api.get("/api/v1/posts?sort=title").assertProblem(400, "malformed-request");
	}

	@Test
	void anonymousCallersCannotWrite() {
		this.api.post("/api/v1/posts", Map.of("title", "t", "body", "b", "status", "DRAFT"))
			.assertProblem(401, "unauthorized");
	}

	private static Map<String, Object> update(String title, long version) {
		return Map.of("title", title, "body", "Edited", "status", "PUBLISHED", "version", version);
	}

	private long editor(long postId) {
		return this.jdbc.queryForObject("select updated_by from posts where id = ?", Long.class, postId);
	}

}
