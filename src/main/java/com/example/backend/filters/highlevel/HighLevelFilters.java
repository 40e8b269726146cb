package com.example.backend.filters.highlevel;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

import com.example.backend.filters.RequestTelemetry;

/**
 * The request filters built from Spring's conveniences (profile {@code filters-high}).
 * Spring Boot registers the filter beans itself, ordered by their {@code @Order}. Not the
 * default: it buffers every response body, see {@code docs/lab.md} for what that costs.
 */
@Configuration(proxyBeanMethods = false)
@Profile("filters-high & !filter-experiment")
class HighLevelFilters {

	HighLevelFilters(Environment environment) {
		// The low-level set is active whenever this one is not; both profiles at once
		// would be a typo.
		if (environment.matchesProfiles("filters-low")) {
			throw new IllegalStateException("Activate either filters-high or filters-low, not both");
		}
	}

	@Bean
	RequestIdFilter requestIdFilter() {
		return new RequestIdFilter();
	}

	@Bean
	TimingFilter timingFilter(RequestTelemetry telemetry) {
		return new TimingFilter(telemetry);
	}

}
