package com.example.backend.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import com.example.backend.config.EmbeddedPostgresEnvironmentPostProcessor.NoDatabaseConfigured;

/**
 * The packaged jar started without a database: what to set, or how to get the embedded
 * one, instead of Spring Boot's advice to add an in-memory database to the class path.
 */
class NoDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<NoDatabaseConfigured> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoDatabaseConfigured cause) {
		return new FailureAnalysis(
				"No database is configured, and this build has no embedded one (the embedded PostgreSQL is for "
						+ "./mvnw spring-boot:run and the tests; the packaged jar leaves it out).",
				"Point the service at a PostgreSQL: SPRING_DATASOURCE_URL (e.g. jdbc:postgresql://localhost:5432/app), "
						+ "SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD. Or start it from the sources "
						+ "with ./mvnw spring-boot:run, which starts an embedded PostgreSQL. docs/configuration.md "
						+ "lists every setting.",
				cause);
	}

}
