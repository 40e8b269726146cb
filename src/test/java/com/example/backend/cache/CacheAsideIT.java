package com.example.backend.cache;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.backend.support.Api.Response;
import com.example.backend.support.Api.Session;
import com.example.backend.support.Concurrently;
import com.example.backend.support.Fixtures;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cache-aside rules, against the real Redis the whole suite uses: one database load
 * for many concurrent readers of a cold key, evictions only after commit, no stale value
 * left behind by a reader racing a writer, and reads that touch no database on a hit.
 */
class CacheAsideIT extends IntegrationTest {

	private static final int READERS = 100;

	/** Ample for every reader to arrive, even on a busy machine. */
	private static final Duration WAIT = Duration.ofSeconds(60);

	@Autowired
	private DataSource dataSource;

	@Autowired
	private Caches caches;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private EntityManagerFactory entityManagerFactory;

	/**
	 * The loader is held (its select waits for a lock on the posts table) until every
	 * reader has missed, so that all of them meet the one load in flight, however slowly
	 * the machine schedules them.
	 */
	@Test
	void hundredConcurrentReadersOfAColdPostCauseOneDatabaseLoad() throws Exception {
		Session author = this.api.newUser();
		long postId = new Fixtures(this.api, admin()).post(author, "PUBLISHED").get("id").asLong();
		double postLoads = loads("post");
		double postMisses = misses("post");
		double userLoads = loads("user");
		Statistics statistics = statistics();
		statistics.clear();

		List<Integer> statuses;
		try (Connection lock = lockTable("posts")) {
			CompletableFuture<List<Integer>> readers = CompletableFuture.supplyAsync(
					() -> concurrently(READERS, (i) -> () -> this.api.get("/api/v1/posts/" + postId).status()));
			await().atMost(WAIT).until(() -> misses("post") - postMisses, (missed) -> missed >= READERS);
			lock.rollback();
			statuses = readers.get(WAIT.toSeconds(), TimeUnit.SECONDS);
		}

		assertThat(statuses).hasSize(READERS).containsOnly(200);
		assertThat(loads("post") - postLoads).isEqualTo(1);
		// The author's name comes through the user cache: loaded once at most (logging in
		// may have cached it already).
		double authorLoads = loads("user") - userLoads;
		assertThat(authorLoads).isLessThanOrEqualTo(1);
		// Nothing else went through Hibernate: the post itself is read with plain JDBC
		// (PostReads), counted by the loads above.
		assertThat(statistics.getPrepareStatementCount()).isEqualTo((long) authorLoads);
	}

	/** The loader returns only once every reader has missed and is waiting for it. */
	@Test
	void concurrentReadersWaitForTheOneLoaderOfAKey() throws Exception {
		CacheAside<String> cache = this.caches.define("it-stampede", 1, String.class);
		double missesBefore = misses("it-stampede");
		AtomicInteger loads = new AtomicInteger();

		List<Optional<String>> values = Concurrently.run(READERS, (i) -> () -> cache.get("cold", () -> {
			loads.incrementAndGet();
			await().atMost(WAIT).until(() -> misses("it-stampede") - missesBefore, (missed) -> missed >= READERS);
			return Optional.of("loaded");
		}));

		assertThat(values).hasSize(READERS).containsOnly(Optional.of("loaded"));
		assertThat(loads).hasValue(1);
	}

	@Test
	void anAuthenticatedReadTouchesNoDatabaseOnAHit() {
		Session user = this.api.newUser();
		assertThat(this.api.get("/api/v1/users/me", user.auth()).status()).isEqualTo(200);
		Statistics statistics = statistics();
		statistics.clear();

		Response again = this.api.get("/api/v1/users/me", user.auth());

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("id").asLong()).isEqualTo(user.id());
		// Neither the token check nor the profile: both came from Redis.
		assertThat(statistics.getPrepareStatementCount()).isZero();
	}

	@Test
	void evictsOnlyWhenTheTransactionCommits() {
		CacheAside<String> cache = this.caches.define("it-commit", 1, String.class);
		AtomicReference<String> database = new AtomicReference<>("v1");
		assertThat(cache.get("key", () -> Optional.of(database.get()))).contains("v1");

		this.transactions.executeWithoutResult((status) -> {
			database.set("v2");
			cache.evictAfterCommit("key");
			// Not yet: a reader now would load the uncommitted row's old version again.
			assertThat(cache.get("key", () -> Optional.of("loaded too early"))).contains("v1");
		});

		assertThat(cache.get("key", () -> Optional.of(database.get()))).contains("v2");
	}

	@Test
	void aRolledBackWriteLeavesTheCacheAlone() {
		CacheAside<String> cache = this.caches.define("it-rollback", 1, String.class);
		assertThat(cache.get("key", () -> Optional.of("v1"))).contains("v1");

		this.transactions.executeWithoutResult((status) -> {
			cache.evictAfterCommit("key");
			status.setRollbackOnly();
		});

		assertThat(cache.get("key", () -> Optional.of("reloaded"))).contains("v1");
	}

	/**
	 * The classic cache-aside race: a reader loads the old row, the writer commits and
	 * evicts, then the reader stores what it loaded. The store refuses it (the key's
	 * generation moved on), so the next read loads the new value at once instead of
	 * serving the old one until the TTL ends.
	 */
	@Test
	void aReaderRacingAWriterCannotStoreTheValueItReadBeforeTheWrite() throws Exception {
		CacheAside<String> cache = this.caches.define("it-race", 1, String.class);
		AtomicReference<String> database = new AtomicReference<>("old");
		CountDownLatch readerHasLoaded = new CountDownLatch(1);
		CountDownLatch writerHasCommitted = new CountDownLatch(1);

		CompletableFuture<Optional<String>> reader = CompletableFuture.supplyAsync(() -> cache.get("key", () -> {
			String loaded = database.get();
			readerHasLoaded.countDown();
			waitFor(writerHasCommitted);
			return Optional.of(loaded);
		}));
		assertThat(readerHasLoaded.await(10, TimeUnit.SECONDS)).isTrue();
		this.transactions.executeWithoutResult((status) -> {
			database.set("new");
			cache.evictAfterCommit("key");
		});
		writerHasCommitted.countDown();

		// The reader's own request overlapped the
		// write, so it may answer with the old value...
		assertThat(reader.get(10, TimeUnit.SECONDS)).contains("old");
		// ... but it left nothing stale behind.
		assertThat(cache.get("key", () -> Optional.of(database.get()))).contains("new");
	}

	@Test
	void updatesAreVisibleAtOnceAndFailedUpdatesEvictNothing() {
		Session author = this.api.newUser();
		long postId = new Fixtures(this.api, admin()).post(author, "PUBLISHED").get("id").asLong();
		Response first = this.api.get("/api/v1/posts/" + postId);
		double hits = hits("post");

		Response stale = this.api.put("/api/v1/posts/" + postId,
				Map.of("title", "Lost update", "body", "b", "status", "PUBLISHED", "version", 99), author.auth());
		assertThat(stale.status()).isEqualTo(409);
		assertThat(this.api.get("/api/v1/posts/" + postId).json()).isEqualTo(first.json());
		assertThat(hits("post") - hits).as("still cached after the rolled-back write").isEqualTo(1);

		Response updated = this.api.put("/api/v1/posts/" + postId, Map.of("title", "Fresh title", "body", "b", "status",
				"PUBLISHED", "version", first.json().get("version").asLong()), author.auth());
		assertThat(updated.status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/posts/" + postId).json().get("title").asString()).isEqualTo("Fresh title");
	}

	@Test
	void aRenameShowsInCachedPostsAndTheFirstPage() {
		Session author = this.api.newUser();
		long postId = new Fixtures(this.api, admin()).post(author, "PUBLISHED").get("id").asLong();
		assertThat(this.api.get("/api/v1/posts/" + postId).status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/posts").status()).isEqualTo(200);

		Response renamed = this.api.patch("/api/v1/users/" + author.id(), Map.of("displayName", "Renamed Author"),
				author.auth());
		assertThat(renamed.status()).isEqualTo(200);

		assertThat(this.api.get("/api/v1/posts/" + postId).json().get("author").get("displayName").asString())
			.isEqualTo("Renamed Author");
		assertThat(
				this.api.get("/api/v1/posts").json().get("content").get(0).get("author").get("displayName").asString())
			.isEqualTo("Renamed Author");
	}

	@Test
	void deletingAUserRemovesTheirCachedPosts() {
		Session author = this.api.newUser();
		long postId = new Fixtures(this.api, admin()).post(author, "PUBLISHED").get("id").asLong();
		assertThat(this.api.get("/api/v1/posts/" + postId).status()).isEqualTo(200);

		assertThat(this.api.delete("/api/v1/users/" + author.id(), admin().auth()).status()).isEqualTo(204);

		assertThat(this.api.get("/api/v1/posts/" + postId).status()).isEqualTo(404);
	}

	@Test
	void orderPlacementAndCancellationShowInTheCachedProduct() {
		Session customer = this.api.newUser();
		long productId = new Fixtures(this.api, admin()).product("5.00", 10).get("id").asLong();
		assertThat(this.api.get("/api/v1/products/" + productId).json().get("stock").asInt()).isEqualTo(10);

		long orderId = new Fixtures(this.api, admin()).order(customer, productId, 3).get("id").asLong();
		assertThat(this.api.get("/api/v1/products/" + productId).json().get("stock").asInt()).isEqualTo(7);

		Response cancelled = this.api.post("/api/v1/orders/" + orderId + "/cancel", null, customer.auth());
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/products/" + productId).json().get("stock").asInt()).isEqualTo(10);
	}

	@Test
	void aPasswordChangeVoidsOlderTokensAtOnceDespiteTheCache() {
		Session user = this.api.newUser();
		assertThat(this.api.get("/api/v1/users/me", user.auth()).status()).isEqualTo(200);

		Response changed = this.api.patch("/api/v1/users/" + user.id(),
				Map.of("currentPassword", com.example.backend.support.Api.PASSWORD, "password", "a-new-password-123"),
				user.auth());
		assertThat(changed.status()).isEqualTo(200);

		assertThat(this.api.get("/api/v1/users/me", user.auth()).status()).isEqualTo(401);
	}

	private double loads(String cache) {
		return this.meters.get("cache.loads").tag("cache", cache).timer().count();
	}

	private double hits(String cache) {
		return this.meters.get("cache.gets").tag("cache", cache).tag("result", "hit").counter().count();
	}

	private Statistics statistics() {
		return this.entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
	}

	private double misses(String cache) {
		return this.meters.get("cache.gets").tag("cache", cache).tag("result", "miss").counter().count();
	}

	/**
	 * A transaction on a connection of its own that holds an exclusive lock on the table:
	 * every statement that reads it waits until the transaction ends.
	 */
	private Connection lockTable(String table) throws SQLException {
		Connection connection = this.dataSource.getConnection();
		try (Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("lock table " + table + " in access exclusive mode");
			return connection;
		}
		catch (SQLException ex) {
			connection.close();
			throw ex;
		}
	}

	private static <T> List<T> concurrently(int count, IntFunction<Callable<T>> calls) {
		try {
			return Concurrently.run(count, calls);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
