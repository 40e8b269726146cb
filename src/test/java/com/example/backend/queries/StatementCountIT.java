package com.example.backend.queries;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.Fixtures;
import com.example.backend.support.IntegrationTest;

import static com.example.backend.support.Fixtures.orderLines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No N+1: every list endpoint runs the same, small number of SQL statements for a page of
 * 10 and a page of 100. Counted with Hibernate's statistics (enabled for tests), which
 * see every statement Hibernate sends. Authenticated calls run no statement for the token
 * check: each path is requested once before counting, so the caller's token subject is in
 * the cache, as it is for any client making more than one call. The reads of posts and
 * profiles select columns into records, so they hydrate no entity either.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementCountIT extends IntegrationTest {

	private static final int ROWS = 110;

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	@Autowired
	private JdbcTemplate jdbc;

	private Session prolificAuthor;

	private Session admin;

	private Session customer;

	@BeforeAll
	void createMoreRowsThanTheLargestPage() {
		createClient();
		this.admin = admin();
		Fixtures fixtures = new Fixtures(this.api, this.admin);
		// Many authors, so that a page of posts really
		// needs many display names; one of them prolific.
		for (int author = 0; author < 11; author++) {
			Session writer = this.api.newUser();
			if (author == 0) {
				this.prolificAuthor = writer;
			}
			for (int post = 0; post < ((author == 0) ? ROWS : 10); post++) {
				fixtures.post(writer, "PUBLISHED");
			}
		}
		this.customer = this.api.newUser();
		long[] products = new long[ROWS];
		for (int product = 0; product < ROWS; product++) {
			products[product] = fixtures.product("1.00", 1000).get("id").asLong();
		}
		for (int order = 0; order < ROWS; order++) {
			Response placed = this.api.post("/api/v1/orders", orderLines(List.of(new long[] { products[order], 1 },
					new long[] { products[(order + 1) % ROWS], 2 }, new long[] { products[(order + 2) % ROWS], 3 })),
					this.customer.auth());
			assertThat(placed.status()).isEqualTo(201);
		}
		// Registering through the API would spend seconds on password hashing; the rows
		// are what matters here.
		for (int user = 0; user < ROWS; user++) {
			this.jdbc.update(
					"insert into users (id, email, password_hash, display_name, role, created_at, updated_at) "
							+ "values (?, ?, '{noop}unused', 'Bulk', 'USER', now(), now())",
					5_000_000 + user, "bulk-" + user + "@test.local");
		}
	}

	@Test
	void publicPostListRunsTwoStatements() {
		// page with the authors' display names joined, count
		assertStatements("/api/v1/posts", 2, new String[0]);
	}

	@Test
	void authorPostListRunsThreeStatements() {
		// author exists, page with the display name joined, count
		assertStatements("/api/v1/users/" + this.prolificAuthor.id() + "/posts", 3, new String[0]);
	}

	@Test
	void ownOrderListRunsThreeStatements() {
		// page, count, all lines of the page in one batch
		assertStatements("/api/v1/orders", 3, this.customer.auth());
	}

	@Test
	void adminOrderListRunsThreeStatements() {
		assertStatements("/api/v1/orders", 3, this.admin.auth());
	}

	@Test
	void productListRunsTwoStatements() {
		// page, count
		assertStatements("/api/v1/products", 2, new String[0]);
	}

	@Test
	void userListRunsTwoStatements() {
		// page, count
		assertStatements("/api/v1/users", 2, this.admin.auth());
	}

	/**
	 * A post nobody has read yet (so not in the cache: creating it evicted the key) is
	 * read past JPA, with one plain JDBC statement that joins the author's name
	 * ({@code PostReads}): Hibernate prepares nothing, opens no transaction and hydrates
	 * nothing. Its round trips to PostgreSQL (one) are counted by
	 * {@code PHASES=count load-tests/lab/profile.sh}.
	 */
	@Test
	void postReadOnACacheMissGoesPastJpaWithoutATransaction() {
		JsonNode created = new Fixtures(this.api, this.admin).post(this.prolificAuthor, "PUBLISHED");
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		Response post = this.api.get("/api/v1/posts/" + created.get("id").asLong());
		assertThat(post.status()).as(post.body()).isEqualTo(200);
		for (String field : new String[] { "id", "title", "body", "status", "author", "version" }) {
			assertThat(post.json().get(field)).as(field).isEqualTo(created.get(field));
		}
		// PostgreSQL keeps microseconds.
		for (String field : new String[] { "createdAt", "updatedAt" }) {
			assertThat(Instant.parse(post.json().get(field).asString()))
				.isEqualTo(Instant.parse(created.get(field).asString()).truncatedTo(ChronoUnit.MICROS));
		}
		assertThat(statistics.getPrepareStatementCount()).as("statements through Hibernate").isZero();
		assertThat(statistics.getTransactionCount()).as("transactions").isZero();
		assertThat(statistics.getEntityLoadCount()).as("entities hydrated").isZero();
	}

	/**
	 * {@code GET /users/me} for a user whose token subject and profile are in no cache (a
	 * rename evicts both): two narrow reads (token subject, profile) selected into
	 * records, no transaction, no entity hydrated.
	 */
	@Test
	void ownProfileOnACacheMissRunsTwoStatementsAndHydratesNoEntity() {
		Session reader = this.api.newUser();
		Response renamed = this.api.patch("/api/v1/users/" + reader.id(), Map.of("displayName", "Renamed"),
				reader.auth());
		assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		Response me = this.api.get("/api/v1/users/me", reader.auth());
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.json().get("email").asString()).isEqualTo(reader.email());
		assertThat(statistics.getPrepareStatementCount()).as("statements").isEqualTo(2);
		assertThat(statistics.getTransactionCount()).as("transactions").isZero();
		assertThat(statistics.getEntityLoadCount()).as("entities hydrated").isZero();
	}

	private void assertStatements(String path, long expected, String[] auth) {
		Map<Integer, Long> counts = Map.of(10, statementsFor(path, 10, auth), 100, statementsFor(path, 100, auth));
		assertThat(counts).as(path + " statements by page size")
			.containsEntry(10, expected)
			.containsEntry(100, expected);
	}

	private long statementsFor(String path, int size, String[] auth) {
		assertThat(this.api.get(path + "?size=" + size, auth).status()).isEqualTo(200);
		Statistics statistics = this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
		statistics.clear();
		Response page = this.api.get(path + "?size=" + size, auth);
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		assertThat(page.json().get("content").size()).isGreaterThan(0);
		if (path.contains("/posts")) {
			assertThat(statistics.getEntityLoadCount()).as(path + " entities hydrated").isZero();
		}
		return statistics.getPrepareStatementCount();
	}

}
