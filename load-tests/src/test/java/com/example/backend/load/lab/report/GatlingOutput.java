package com.example.backend.load.lab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gatling's console summary ("---- Global Information" and the assertion lines), the
 * figures the sweep reports: request counts, mean and percentile latencies, mean
 * throughput, and whether the simulation's own assertions held.
 */
public final class GatlingOutput {

	private static final Map<String, Pattern> GLOBAL = new LinkedHashMap<>();

	static {
		GLOBAL.put("mean_ms", Pattern.compile("> mean response time \\(ms\\)\\s+\\|\\s+([\\d,]+)"));
		GLOBAL.put("p50_ms", Pattern.compile("> response time 50th percentile \\(ms\\)\\s+\\|\\s+([\\d,]+)"));
		GLOBAL.put("p95_ms", Pattern.compile("> response time 95th percentile \\(ms\\)\\s+\\|\\s+([\\d,]+)"));
		GLOBAL.put("p99_ms", Pattern.compile("> response time 99th percentile \\(ms\\)\\s+\\|\\s+([\\d,]+)"));
		GLOBAL.put("p999_ms", Pattern.compile("> response time 99.9th percentile \\(ms\\)\\s+\\|\\s+([\\d,]+)"));
		GLOBAL.put("gatling_rps", Pattern.compile("> mean throughput \\(rps\\)\\s+\\|\\s+([\\d,.]+)"));
	}

	private static final Pattern REQUESTS = Pattern
		.compile("> request count\\s+\\|\\s+([\\d,]+)\\s+\\|\\s+([\\d,-]+)\\s+\\|\\s+([\\d,-]+)");

	private static final Pattern ASSERTION = Pattern.compile("(?m)^Global: (.+) : (true|false)");

	private GatlingOutput() {
	}

	/**
	 * The figures of the last global summary in {@code output}, keyed as the sweep's CSV
	 * columns ({@code requests}, {@code ok}, {@code ko}, {@code mean_ms}, ...,
	 * {@code gatling_rps}, {@code assertions}: "pass", "none" or "fail: ..." with the
	 * failed ones).
	 */
	public static Map<String, Object> parse(String output) {
		int start = output.lastIndexOf("---- Global Information");
		String summary = (start >= 0) ? output.substring(start) : "";
		Map<String, Object> result = new LinkedHashMap<>();
		Matcher requests = REQUESTS.matcher(summary);
		if (requests.find()) {
			result.put("requests", number(requests.group(1)));
			result.put("ok", number(requests.group(2)));
			result.put("ko", number(requests.group(3)));
		}
		for (Map.Entry<String, Pattern> entry : GLOBAL.entrySet()) {
			Matcher matcher = entry.getValue().matcher(summary);
			if (matcher.find()) {
				result.put(entry.getKey(), number(matcher.group(1)));
			}
		}
		List<String> failed = new ArrayList<>();
		int assertions = 0;
		Matcher assertion = ASSERTION.matcher(output);
		while (assertion.find()) {
			assertions++;
			if ("false".equals(assertion.group(2))) {
				failed.add(assertion.group(1));
			}
		}
		result.put("assertions",
				(assertions == 0) ? "none" : failed.isEmpty() ? "pass" : "fail: " + String.join("; ", failed));
		return result;
	}

	private static double number(String text) {
		return (text.isEmpty() || "-".equals(text)) ? 0.0 : Double.parseDouble(text.replace(",", ""));
	}

}
