package com.example.backend.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import com.example.backend.config.ProductionSettingsCheck.UnsafeProductionSettings;

/**
 * Turns {@link UnsafeProductionSettings} into Spring Boot's "APPLICATION FAILED TO START"
 * report: a list of what is wrong and what to do, instead of a stack trace.
 */
class ProductionSettingsFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeProductionSettings> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnsafeProductionSettings cause) {
		StringBuilder description = new StringBuilder("The production settings are incomplete or unsafe:\n");
		cause.problems().forEach((problem) -> description.append("  - ").append(problem).append('\n'));
		return new FailureAnalysis(description.toString(),
				"Set the variables listed above (Kubernetes: the reference-backend Secret; compose: .env, see "
						+ ".env.example), then start again. The README's Configuration section lists every setting.",
				cause);
	}

}
