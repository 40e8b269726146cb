package com.example.backend.filters.experiment;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = { "app.filter-experiment.kind=high", "app.filter-experiment.count=5",
		"app.filter-experiment.work=file-io", "spring.datasource.hikari.maximum-pool-size=2" })
class HighFilterExperimentIT extends FilterExperimentSuite {

}
