package com.example.backend.web;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import com.example.backend.contract.ProblemType;

import com.example.backend.errors.ApiException;

/**
 * Guards the paging parameters. Only listed properties may be sorted on: sorting by an
 * arbitrary entity field would turn, say, a password hash into an oracle, and would let a
 * client order by columns that have no index. The id is appended as a tie-breaker so that
 * pages never overlap or skip rows. Offsets are bounded, because a huge {@code page}
 * would otherwise overflow the SQL offset (and deep offsets make the database skip that
 * many rows).
 */
public final class Paging {

	/** Rows that may be skipped: 10,000 pages of 100. */
	static final long MAX_OFFSET = 1_000_000;

	private Paging() {
	}

	public static Pageable sortedBy(Pageable pageable, Set<String> sortable) {
		if (pageable.getOffset() > MAX_OFFSET) {
			throw new PageOutOfRange();
		}
		for (Sort.Order order : pageable.getSort()) {
			if (!sortable.contains(order.getProperty())) {
				throw new UnsupportedSortProperty(order.getProperty(), sortable);
			}
			if (order.isIgnoreCase()) {
				// Spring Data parses "ignorecase" into lower(column), which fails on a
				// timestamp and defeats the index on text: the API offers neither.
				throw new UnsupportedSortOption(order.getProperty());
			}
		}
		Sort sort = pageable.getSort();
		if (sort.getOrderFor("id") == null) {
			Sort.Direction direction = sort.stream()
				.findFirst()
				.map(Sort.Order::getDirection)
				.orElse(Sort.Direction.ASC);
			sort = sort.and(Sort.by(direction, "id"));
		}
		return PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), sort);
	}

	static final class PageOutOfRange extends ApiException {

		PageOutOfRange() {
			super(ProblemType.MALFORMED_REQUEST, "page x size may not exceed " + MAX_OFFSET + ".");
		}

	}

	static final class UnsupportedSortOption extends ApiException {

		UnsupportedSortOption(String property) {
			super(ProblemType.MALFORMED_REQUEST, "Cannot sort by '" + property
					+ "' ignoring case; a sort is a property and an optional direction, e.g. sort=createdAt,desc.");
		}

	}

	static final class UnsupportedSortProperty extends ApiException {

		UnsupportedSortProperty(String property, Set<String> sortable) {
			super(ProblemType.MALFORMED_REQUEST,
					"Cannot sort by '" + property + "'; sortable properties are " + new TreeSet<>(sortable) + ".");
		}

	}

}
