package com.example.backend.filters;

import org.springframework.test.context.ActiveProfiles;

/** The request filters built from Spring's conveniences. */
@ActiveProfiles("filters-high")
class HighLevelFiltersIT extends FilterBehaviourSuite {

	@Override
	String variantPackage() {
		return "com.example.backend.filters.highlevel";
	}

}
