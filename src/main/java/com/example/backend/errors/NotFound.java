package com.example.backend.errors;

import com.example.backend.contract.ProblemType;

/**
 * 404 for a resource that does not exist, or that exists but the caller may not know of
 * (a draft, someone else's order): the answer is the same, so it reveals nothing.
 */
public final class NotFound extends ApiException {

	public NotFound(String resource, long id) {
		super(ProblemType.NOT_FOUND, resource + " " + id + " was not found.");
	}

}
