package com.example.backend.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real PostgreSQL that integration tests run against, one per test JVM. Chosen by the
 * environment variable (or system property) {@code TEST_SERVICES}:
 * <ul>
 * <li>{@code testcontainers}: a throw-away container ({@value #IMAGE});</li>
 * <li>{@code local}: a server that is already running ({@code TEST_POSTGRES_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user
 * {@code TEST_POSTGRES_USER}/{@code postgres}); a fresh database with a unique name is
 * created in it and dropped when the JVM exits, so that repeated or parallel runs never
 * see each other's data;</li>
 * <li>{@code auto} (default): Testcontainers when Docker is available, otherwise
 * local.</li>
 * </ul>
 * If the chosen server cannot be reached the tests fail: they are never skipped.
 */
public final class TestPostgres {

	static final String IMAGE = "postgres:17-alpine";

	private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

	private static Connection details;

	private TestPostgres() {
	}

	public record Connection(String url, String username, String password) {
	}

	/** Points the application's datasource at the test database. */
	public static void register(DynamicPropertyRegistry registry) {
		Connection postgres = get();
		registry.add("spring.datasource.url", postgres::url);
		registry.add("spring.datasource.username", postgres::username);
		registry.add("spring.datasource.password", postgres::password);
	}

	public static synchronized Connection get() {
		if (details == null) {
			details = start();
		}
		return details;
	}

	private static Connection start() {
		return TestServices.useContainers() ? startContainer() : createLocalDatabase();
	}

	private static Connection startContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
		container.start();
		log.info("Integration tests use PostgreSQL in a container: {}", container.getJdbcUrl());
		return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
	}

	private static Connection createLocalDatabase() {
		String adminUrl = TestServices.setting("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
		String user = TestServices.setting("TEST_POSTGRES_USER", "postgres");
		String password = TestServices.setting("TEST_POSTGRES_PASSWORD", "");
		String database = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		execute(adminUrl, user, password, "CREATE DATABASE " + database);
		Runtime.getRuntime()
			.addShutdownHook(new Thread(
					() -> execute(adminUrl, user, password, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)"),
					"drop-test-database"));
		String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
		log.info("Integration tests use local PostgreSQL, database {}", url);
		return new Connection(url, user, password);
	}

	private static void execute(String url, String user, String password, String sql) {
		try (java.sql.Connection connection = DriverManager.getConnection(url, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Test PostgreSQL at " + url + " failed on: " + sql
					+ ". Start it, or set TEST_SERVICES=testcontainers where Docker is available.", ex);
		}
	}

}
