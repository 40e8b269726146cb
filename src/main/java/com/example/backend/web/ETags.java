package com.example.backend.web;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.ETag;
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

	private static final Pattern WHITESPACE = Pattern.compile("\\s");

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
		List<ETag> tags = ETag.parse(ifMatch);
		if (tags.size() == 1 && tags.get(0).isWildcard()) {
			return bodyVersion;
		}
		Long fromHeader = null;
		for (ETag tag : tags) {
			Long version = tag.weak() ? null : version(tag.tag());
			if (version == null || (fromHeader != null && !fromHeader.equals(version))) {
				return UNMATCHABLE;
			}
			fromHeader = version;
		}
		if (fromHeader == null || !wholeHeader(ifMatch, tags)
				|| (bodyVersion != null && !bodyVersion.equals(fromHeader))) {
			return UNMATCHABLE;
		}
		return fromHeader;
	}

	/**
	 * ETag.parse stops at the first character that does not belong to an entity tag and
	 * returns the tags before it, so the header counts only if it is nothing but those
	 * tags (versions hold no spaces or commas, so the comparison can drop them all).
	 */
	private static boolean wholeHeader(String ifMatch, List<ETag> tags) {
		String parsed = tags.stream().map(ETag::formattedTag).collect(Collectors.joining(","));
		return parsed.equals(WHITESPACE.matcher(ifMatch).replaceAll(""));
	}

	/** The version a strong tag names: decimal digits that fit a long, else null. */
	private static Long version(String tag) {
		if (tag.isEmpty() || tag.length() > 19) {
			return null;
		}
		for (int i = 0; i < tag.length(); i++) {
			if (tag.charAt(i) < '0' || tag.charAt(i) > '9') {
				return null;
			}
		}
		try {
			return Long.parseLong(tag);
		}
		catch (NumberFormatException ex) {
			// Nineteen digits beyond Long.MAX_VALUE.
			return null;
		}
	}

}
