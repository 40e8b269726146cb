package com.example.backend.config;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

import com.example.backend.config.EmbeddedPostgresEnvironmentPostProcessor.NoDatabaseConfigured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The packaged jar leaves the embedded PostgreSQL out; started without a database URL it
 * must say what to set, before anything tries to connect.
 */
class NoDatabaseTest {

	private final EmbeddedPostgresEnvironmentPostProcessor processor = new EmbeddedPostgresEnvironmentPostProcessor(
			(destination) -> destination.get());

	private final StandardEnvironment environment = new StandardEnvironment();

	@Test
	void theJarWithoutADatabaseUrlStopsWithWhatToSet() {
		assertThatThrownBy(() -> this.processor.postProcessEnvironment(this.environment, jarWithoutZonky()))
			.isInstanceOf(NoDatabaseConfigured.class);

		FailureAnalysis analysis = new NoDatabaseFailureAnalyzer().analyze(new NoDatabaseConfigured());

		assertThat(analysis.getDescription()).contains("No database is configured");
		assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_URL", "./mvnw spring-boot:run");
	}

	@Test
	void theJarWithADatabaseUrlStarts() {
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("operator",
					Map.of("spring.datasource.url", "jdbc:postgresql://db.internal:5432/app")));

		assertThatNoException()
			.isThrownBy(() -> this.processor.postProcessEnvironment(this.environment, jarWithoutZonky()));
		assertThat(this.environment.getPropertySources().contains("embeddedPostgres")).isFalse();
	}

	@Test
	void productionLeavesTheDatabaseToItsOwnCheck() {
		// The prod profile switches the embedded database off; ProductionSettingsCheck
		// lists a missing URL with the other production settings.
		this.environment.getPropertySources()
			.addFirst(new MapPropertySource("prod", Map.of("app.dev-database.enabled", "false")));

		assertThatNoException()
			.isThrownBy(() -> this.processor.postProcessEnvironment(this.environment, jarWithoutZonky()));
	}

	/**
	 * An application whose class loader, like the packaged jar's, has no zonky classes.
	 */
	private static SpringApplication jarWithoutZonky() {
		SpringApplication application = new SpringApplication();
		application.setResourceLoader(new DefaultResourceLoader(new FilteredClassLoader("io.zonky.")));
		return application;
	}

}
