package com.example.backend.posts;

import java.util.List;

import org.springframework.data.domain.Page;

/** The cached form of the first page of published posts (a Page is no plain record). */
record FirstPage(List<PostResponse> posts, long total) {

	static FirstPage of(Page<PostResponse> page) {
		return new FirstPage(page.getContent(), page.getTotalElements());
	}

}
