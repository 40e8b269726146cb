package com.example.backend.load.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Figures as the lab's Markdown tables print them (grouped thousands, "-" or "n/a" for a
 * missing value), and the median the wrk reports take over runs.
 */
public final class Figures {

	private Figures() {
	}

	/** {@code 6774.88} with 1 digit: {@code 6,774.9}; null: {@code -}. */
	public static String number(Object value, int digits) {
		if (value == null || "".equals(value)) {
			return "-";
		}
		if (value instanceof Number number) {
			return String.format(Locale.ROOT, "%,." + digits + "f", number.doubleValue());
		}
		return value.toString();
	}

	/**
	 * A fraction as a whole percentage: {@code 0.677} is {@code 68%}; null: {@code -}.
	 */
	public static String percent(Double value) {
		return (value == null) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * value);
	}

	/** The median of the values that are not null; null when there is none. */
	public static Double median(List<Double> values) {
		List<Double> present = new ArrayList<>(values.stream().filter(Objects::nonNull).toList());
		if (present.isEmpty()) {
			return null;
		}
		present.sort(null);
		int middle = present.size() / 2;
		return (present.size() % 2 == 1) ? present.get(middle) : (present.get(middle - 1) + present.get(middle)) / 2;
	}

	public static String format(String pattern, Object... values) {
		return String.format(Locale.ROOT, pattern, values);
	}

}
