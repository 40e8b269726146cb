package com.example.backend.web;

/**
 * Text that PostgreSQL stores exactly as received. Two things are valid in a Java string
 * (and in a JSON escape) but not in a UTF-8 database text: a NUL character, which
 * PostgreSQL refuses, and an unpaired UTF-16 surrogate, which the driver silently turns
 * into {@code ?}, so that a 201 would echo text that was never stored. Argon2 refuses
 * unpaired surrogates in passwords too.
 */
final class StorableText {

	private StorableText() {
	}

	static boolean isStorable(String text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '\0') {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++; // the pair is one valid code point
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
