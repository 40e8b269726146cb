package com.example.backend.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

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

	public static synchronized Connection get() {
		if (details == null) {
			details = start();
		}
		return details;
	}

	private static Connection start() {
		String mode = setting("TEST_SERVICES", "auto").toLowerCase(Locale.ROOT);
		boolean useContainer = switch (mode) {
			case "testcontainers" -> true;
			case "local" -> false;
			case "auto" -> DockerClientFactory.instance().isDockerAvailable();
			default -> throw new IllegalStateException("TEST_SERVICES must be auto, testcontainers or local: " + mode);
		};
		return useContainer ? startContainer() : createLocalDatabase();
	}

	private static Connection startContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
		container.start();
		log.info("Integration tests use PostgreSQL in a container: {}", container.getJdbcUrl());
		return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword());
	}

	private static Connection createLocalDatabase() {
		String adminUrl = setting("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
		String user = setting("TEST_POSTGRES_USER", "postgres");
		String password = setting("TEST_POSTGRES_PASSWORD", "");
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

	private static String setting(String name, String fallback) {
		String value = System.getProperty(name, System.getenv(name));
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
