package com.example.backend.contract;

/**
 * How amounts of money travel: a string with two decimals ({@code "19.99"}), so that no
 * client parses them into a float. The constants feed the {@code @Schema} of every money
 * field.
 */
public final class Money {

	/** The ECMA-262 pattern of an amount, as JSON Schema reads it. */
	public static final String PATTERN = "^-?[0-9]+\\.[0-9]{2}$";

	public static final String DESCRIPTION = "A decimal amount with two places, as a string";

	public static final String EXAMPLE = "19.99";

	/** Ten digits before the point, two after, a sign and the point. */
	public static final int MAX_LENGTH = 16;

	private Money() {
	}

}
