package com.example.backend.filters.experiment;

import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

import com.example.backend.support.Api.Response;
import com.example.backend.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The experiment profile starts with five stacked filters of a kind in place of the
 * request filters, and the application still answers. Not a measurement: that is
 * {@code load-tests/lab/filter-overhead.sh}.
 */
@ActiveProfiles("filter-experiment")
abstract class FilterExperimentSuite extends IntegrationTest {

	@Autowired
	private ServletContext servletContext;

	@Test
	void stacksFiveExperimentFiltersInsteadOfTheRequestFilters() {
		assertThat(this.servletContext.getFilterRegistrations().keySet())
			.contains("experimentFilter0", "experimentFilter4")
			.doesNotContain("experimentFilter5", "requestIdFilter", "timingFilter");
	}

	@Test
	void theApplicationStillAnswers() {
		Response ping = this.api.get("/api/v1/ping");

		assertThat(ping.status()).isEqualTo(200);
		assertThat(ping.json().get("status").asString()).isEqualTo("ok");
		assertThat(ping.header("X-Response-Time")).matches("[0-9]+\\.[0-9]{3}");
		assertThat(ping.header("X-Request-Id")).isNull();
		assertThat(this.api.get("/api/v1/users/me").status()).isEqualTo(401);
	}

}
