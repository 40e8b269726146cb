package com.example.backend.filters;

import org.springframework.test.context.ActiveProfiles;

/**
 * The request filters as plain servlet filters (also what runs when no variant is
 * chosen).
 */
@ActiveProfiles("filters-low")
class LowLevelFiltersIT extends FilterBehaviourSuite {

	@Override
	String variantPackage() {
		return "com.example.backend.filters.lowlevel";
	}

}
