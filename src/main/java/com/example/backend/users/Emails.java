package com.example.backend.users;

/**
 * The one email normalisation, used for the account lookup, the uniqueness constraint
 * (accounts store the normalised form; a database CHECK holds them to it) and the login
 * throttle's key alike: surrounding blanks removed, ASCII letters lower-cased, nothing
 * else changed.
 * <p>
 * Deliberately not {@code String.toLowerCase} or PostgreSQL's {@code lower()}: both apply
 * Unicode case rules that differ between them (PostgreSQL maps {@code İ}, U+0130, to
 * {@code i}, Java to {@code i} plus a combining dot), so two spellings could reach one
 * account under two throttle budgets. With ASCII-only folding, a non-ASCII spelling is
 * simply another address, and registration accepts ASCII addresses only, so no account
 * can be registered that looks like another's.
 */
public final class Emails {

	private Emails() {
	}

	public static String normalize(String email) {
		String trimmed = email.trim();
		char[] chars = trimmed.toCharArray();
		for (int i = 0; i < chars.length; i++) {
			if (chars[i] >= 'A' && chars[i] <= 'Z') {
				chars[i] = (char) (chars[i] + ('a' - 'A'));
			}
		}
		return new String(chars);
	}

}
