package com.example.backend.web;

import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingTest {

	@Test
	void rejectsPropertiesThatAreNotListed() {
		Pageable request = PageRequest.of(0, 20, Sort.by("passwordHash"));

		assertThatThrownBy(() -> Paging.sortedBy(request, Set.of("email")))
			.isInstanceOf(Paging.UnsupportedSortProperty.class)
			.hasMessageContaining("passwordHash");
	}

	@Test
	void appendsIdAsTieBreakerInTheSameDirection() {
		Pageable sorted = Paging.sortedBy(PageRequest.of(2, 10, Sort.by(Sort.Direction.DESC, "createdAt")),
				Set.of("createdAt"));

		assertThat(sorted.getSort()).containsExactly(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));
		assertThat(sorted.getPageNumber()).isEqualTo(2);
		assertThat(sorted.getPageSize()).isEqualTo(10);
	}

	@Test
	void rejectsOffsetsBeyondTheLimit() {
		assertThatThrownBy(() -> Paging.sortedBy(PageRequest.of(21_474_837, 100), Set.of()))
			.isInstanceOf(Paging.PageOutOfRange.class);
		assertThat(Paging.sortedBy(PageRequest.of(10_000, 100), Set.of()).getOffset()).isEqualTo(1_000_000);
	}

	@Test
	void leavesAnExplicitIdOrderAlone() {
		Pageable sorted = Paging.sortedBy(PageRequest.of(0, 10, Sort.by("id")), Set.of("id"));

		assertThat(sorted.getSort()).containsExactly(Sort.Order.asc("id"));
	}

}
