package com.example.backend.filters.highlevel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import com.example.backend.filters.RequestTelemetry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The high-level filters exist only under their profile, and never beside the low-level
 * ones.
 */
class HighLevelFiltersProfileTest {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(RequestTelemetry.class, HighLevelFilters.class);

	@Test
	void areActiveWithTheirProfile() {
		this.runner.withPropertyValues("spring.profiles.active=filters-high")
			.run(context -> assertThat(context).hasSingleBean(RequestIdFilter.class).hasSingleBean(TimingFilter.class));
	}

	@Test
	void areAbsentWithoutIt() {
		this.runner.run(context -> assertThat(context).doesNotHaveBean(RequestIdFilter.class));
	}

	@Test
	void refuseToStartBesideTheLowLevelOnes() {
		this.runner.withPropertyValues("spring.profiles.active=filters-high,filters-low")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("either filters-high or filters-low"));
	}

	@Test
	void giveWayToTheExperiment() {
		this.runner.withPropertyValues("spring.profiles.active=filters-high,filter-experiment")
			.run(context -> assertThat(context).doesNotHaveBean(RequestIdFilter.class));
	}

}
