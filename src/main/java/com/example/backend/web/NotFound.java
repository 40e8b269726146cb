package com.example.backend.web;

import org.springframework.http.HttpStatus;

/**
 * 404 for a resource that does not exist, or that exists but the caller may not know of
 * (a draft, someone else's order): the answer is the same, so it reveals nothing.
 */
public final class NotFound extends ApiException {

	public NotFound(String resource, long id) {
		super(HttpStatus.NOT_FOUND, "not-found", "Not found", resource + " " + id + " was not found.");
	}

}
