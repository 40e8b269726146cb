package com.example.backend.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Optimistic locking over HTTP. Strong ETags derived from an entity's version:
 * {@code "7"}. Versions change on every update of the entity itself. Data embedded from
 * elsewhere (a post's author name) can change without it, so a conditional GET may answer
 * 304 for a post whose author was renamed since; for this API that is an accepted
 * trade-off for a cheap tag.
 */
public final class ETags {

	private ETags() {
	}

	public static String of(long version) {
		return "\"" + version + "\"";
	}

	/** 200 with the body and its ETag. */
	public static <T> ResponseEntity<T> ok(T body, long version) {
		return ResponseEntity.ok().eTag(of(version)).body(body);
	}

	/**
	 * Whether an {@code If-Match} header allows changing a resource at {@code version}.
	 * {@code *} matches any existing resource; weak tags never match, because If-Match
	 * demands strong comparison (RFC 9110).
	 */
	public static boolean ifMatchSatisfied(String ifMatch, long version) {
		String current = of(version);
		for (String tag : ifMatch.split(",")) {
			String candidate = tag.trim();
			if (candidate.equals("*") || candidate.equals(current)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Answers 412 unless {@code ifMatch} is absent or matches {@code version}: the change
	 * was based on an older representation, and applying it would lose someone's update.
	 */
	public static void checkIfMatch(String ifMatch, long version) {
		if (ifMatch != null && !ifMatchSatisfied(ifMatch, version)) {
			throw new PreconditionFailed();
		}
	}

	/**
	 * Checks the two ways a client can say which version its change is based on, each
	 * when given: {@code If-Match} (412 when stale) and the body's {@code version} (409
	 * when stale). Either way nothing is changed.
	 */
	public static void checkVersion(String ifMatch, Long bodyVersion, long version, String resource) {
		checkIfMatch(ifMatch, version);
		if (bodyVersion != null && bodyVersion != version) {
			throw new StaleVersion(resource);
		}
	}

	static final class StaleVersion extends ApiException {

		StaleVersion(String resource) {
			super(HttpStatus.CONFLICT, "stale-version", "Stale version",
					"The " + resource + " was changed by someone else; reload it and apply your change again.");
		}

	}

	static final class PreconditionFailed extends ApiException {

		PreconditionFailed() {
			super(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed",
					"If-Match does not match the current ETag; reload the resource and apply your change again.");
		}

	}

}
