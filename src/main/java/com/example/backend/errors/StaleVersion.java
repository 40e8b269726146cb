package com.example.backend.errors;

import com.example.backend.contract.ProblemType;

/**
 * The version a change was based on is not the current one: someone changed the resource
 * in between, and applying the change would silently undo their update. Thrown by
 * services, which compare version numbers only; {@link ApiExceptionHandler} answers 412
 * when the client stated its version in {@code If-Match}, 409 when in the body.
 */
public final class StaleVersion extends ApiException {

	public StaleVersion(String resource) {
		super(ProblemType.STALE_VERSION,
				"The " + resource + " was changed by someone else; reload it and apply your change again.");
	}

}
