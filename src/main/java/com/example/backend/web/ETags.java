package com.example.backend.web;

import org.springframework.http.ResponseEntity;

/**
 * Optimistic locking over HTTP, for controllers: services never see a header, they
 * compare the expected version a controller derives here with the stored one (and throw
 * {@link StaleVersion}). Strong ETags derived from an entity's version: {@code "7"}.
 * Versions change on every update of the entity itself. Data embedded from elsewhere (a
 * post's author name) can change without it, so a conditional GET may answer 304 for a
 * post whose author was renamed since; for this API that is an accepted trade-off for a
 * cheap tag.
 */
public final class ETags {

	/** Versions start at 0 and only grow. */
	private static final Long UNMATCHABLE = -1L;

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
	 * The version a change is based on, for a service to compare with the stored one:
	 * from {@code If-Match} ({@code "7"}) and/or a body's {@code version}. Null when the
	 * client sent neither, or only {@code If-Match: *} (any existing version): the change
	 * is then unconditional.
	 * <p>
	 * A tag that cannot match any version gives a version that no resource has, so the
	 * service answers stale after its usual existence and permission checks: weak tags
	 * (If-Match demands strong comparison, RFC 9110), tags that are not a version, a list
	 * naming several versions (at most one of them can be current) and a tag that
	 * contradicts the body's version.
	 */
	public static Long expectedVersion(String ifMatch, Long bodyVersion) {
		if (ifMatch == null) {
			return bodyVersion;
		}
		Long fromHeader = null;
		for (String tag : ifMatch.split(",")) {
			String candidate = tag.trim();
			if (candidate.equals("*")) {
				return bodyVersion;
			}
			Long version = parse(candidate);
			if (version == null || (fromHeader != null && !fromHeader.equals(version))) {
				return UNMATCHABLE;
			}
			fromHeader = version;
		}
		if (fromHeader == null || (bodyVersion != null && !bodyVersion.equals(fromHeader))) {
			return UNMATCHABLE;
		}
		return fromHeader;
	}

	private static Long parse(String tag) {
		if (tag.length() < 3 || tag.length() > 21 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
			return null;
		}
		String digits = tag.substring(1, tag.length() - 1);
		for (int i = 0; i < digits.length(); i++) {
			if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
				return null;
			}
		}
		try {
			return Long.parseLong(digits);
		}
		catch (NumberFormatException ex) {
			return null; // beyond Long.MAX_VALUE
		}
	}

}
