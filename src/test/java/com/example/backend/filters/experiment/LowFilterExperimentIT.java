package com.example.backend.filters.experiment;

import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = { "app.filter-experiment.kind=low", "app.filter-experiment.count=5",
		"app.filter-experiment.work=sleep", "app.filter-experiment.sleep=1ms",
		"spring.datasource.hikari.maximum-pool-size=2" })
class LowFilterExperimentIT extends FilterExperimentSuite {

}
