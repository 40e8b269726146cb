package com.example.backend.config;

import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a production instance ({@code app.production-checks.enabled=true}, set
 * by the {@code prod} profile) with a missing or weak setting. Runs before any bean
 * exists, so nothing connects anywhere or half-starts first; the message comes from
 * {@link ProductionSettingsFailureAnalyzer}.
 */
class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

	static final String ENABLED = "app.production-checks.enabled";

	/** After the config data (application-prod.properties) has been loaded. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ENABLED, Boolean.class, false)) {
			return;
		}
		List<String> problems = ProductionSettings.problems(environment::getProperty);
		if (!problems.isEmpty()) {
			throw new UnsafeProductionSettings(problems);
		}
	}

	/** The settings that stopped the start, one sentence each. */
	static final class UnsafeProductionSettings extends RuntimeException {

		private final List<String> problems;

		UnsafeProductionSettings(List<String> problems) {
			super("Unsafe production settings: " + String.join("; ", problems));
			this.problems = List.copyOf(problems);
		}

		List<String> problems() {
			return this.problems;
		}

	}

}
