package com.example.backend.filters.experiment;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The filter overhead experiment (profile {@code filter-experiment}): {@code count}
 * stacked filters of one {@code kind}, each doing {@code work} before passing the request
 * on. Count 0 is the baseline.
 *
 * @param kind {@code high} (OncePerRequestFilter + ContentCachingResponseWrapper) or
 * {@code low} (plain Filter + header at commit)
 * @param count how many filters to stack
 * @param work what each filter does first: {@code noop}, {@code file-io} (1,000 lines
 * written to a file, blocking) or {@code sleep}
 * @param sleep how long each filter sleeps when the work is {@code sleep}
 */
@ConfigurationProperties("app.filter-experiment")
@Validated
record FilterExperimentSettings(@NotNull @DefaultValue("low") Kind kind, @Min(0) @Max(50) @DefaultValue("0") int count,
		@NotNull @DefaultValue("noop") Work work, @NotNull @DefaultValue("10ms") Duration sleep) {

	enum Kind {

		HIGH, LOW

	}

	enum Work {

		NOOP, FILE_IO, SLEEP

	}

}
