package com.example.backend.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** {@link VisibleText}, one code point at a time. */
public class VisibleTextValidator implements ConstraintValidator<VisibleText, String> {

	/** Null and blank are left to {@code @NotBlank}, so that a field gets one error. */
	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || value.isBlank() || isVisible(value);
	}

	static boolean isVisible(String text) {
		boolean visible = false;
		for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.CONTROL || isDirectionControl(codePoint)) {
				return false;
			}
			// Format characters (zero-width space and joiner, ...) may join visible ones,
			// as in emoji sequences, but show nothing on their own.
			visible |= type != Character.FORMAT && !Character.isWhitespace(codePoint)
					&& !Character.isSpaceChar(codePoint);
		}
		return visible;
	}

	/** Marks and overrides that change the direction of the text around them. */
	private static boolean isDirectionControl(int codePoint) {
		return codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
				|| (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
	}

}
