package com.example.backend.load.lab.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep's settings, read once from the environment (load-tests/lab/README.md lists
 * them). {@code QUICK=1} is a dry run of every case with a few users for a few seconds.
 *
 * @param quick a dry run
 * @param reportOnly recompute the report from the results already written
 * @param duration seconds measured per case (the mixed cases at least 30)
 * @param warmup seconds of the same load before each measurement
 * @param waitMs W of the blocking-dependency scenario
 * @param queryMs W of the slow-query scenario
 * @param factorWaitMs W of the virtual-thread factor cases: long, so that a busy CPU
 * still allows the factor
 * @param blockingUsers users of the blocking scenario
 * @param slowUsers users of the slow-query scenario
 * @param mixedUsers users of the mixed CRUD scenario
 * @param crudUsers closed-loop users of the 1 vs 2 instances cases
 * @param checkoutUsers users of the checkout scenario
 * @param hotKeyUsers users of the hot-key scenario
 * @param overUsers users of the thread comparison's oversubscribed pool case
 * @param overQueryMs W of that case: long enough that a wait for a connection exceeds
 * Hikari's 3 s timeout
 * @param rounds rounds of the thread comparison, the two JVMs' order alternating
 * @param basePort applications on +1.., management on +101.., nginx on +80/+81,
 * PostgreSQL on +432, Redis on +379
 * @param cases only these case ids (empty: all), added to the results already there
 * @param best the thread setting guessed best when the thread cases do not run
 * @param extraProperties {@code key=value} set on every application JVM
 * @param cacheProperty the property that turns the cache off in the cache-off case
 */
record SweepSettings(boolean quick, boolean reportOnly, int duration, int warmup, int waitMs, int queryMs,
		int factorWaitMs, int blockingUsers, int slowUsers, int mixedUsers, int crudUsers, int checkoutUsers,
		int hotKeyUsers, int overUsers, int overQueryMs, int rounds, int basePort, List<String> cases, String best,
		Map<String, String> extraProperties, String cacheProperty) {

	/** Measured throughput within this fraction of the bound... */
	static final double LITTLE_LOW = 0.75;

	/** ...and this one: the machine is shared with other builds. */
	static final double LITTLE_HIGH = 1.15;

	/**
	 * A configuration is checked when its wait-bound prediction is below this fraction of
	 * the CPU capacity (the wait, not the CPU, is the limit).
	 */
	static final double WAIT_BOUND = 0.8;

	/** Virtual threads must beat 8 platform threads by at least this factor. */
	static final double VIRTUAL_FACTOR = 3.0;

	static final List<Integer> POOL_SIZES = List.of(2, 10, 50);

	static SweepSettings fromEnvironment() {
		boolean quick = "1".equals(System.getenv("QUICK"));
		Map<String, String> extra = new LinkedHashMap<>();
		for (String item : env("EXTRA_PROPERTIES", "").split("\\s+")) {
			if (!item.isBlank()) {
				int equals = item.indexOf('=');
				extra.put(item.substring(0, Math.max(equals, 0)), item.substring(equals + 1));
			}
		}
		String cases = env("CASES", "").trim();
		return new SweepSettings(quick, "1".equals(System.getenv("REPORT_ONLY")), number("DURATION", quick ? 4 : 15),
				number("WARMUP", quick ? 2 : 5), number("WAIT_MS", 50), number("QUERY_MS", 20),
				number("FACTOR_WAIT_MS", 1000), number("BLOCKING_USERS", quick ? 20 : 300),
				number("SLOW_USERS", quick ? 10 : 100), number("MIXED_USERS", quick ? 10 : 500),
				number("CRUD_USERS", quick ? 10 : 100), number("CHECKOUT_USERS", quick ? 5 : 50),
				number("HOTKEY_USERS", quick ? 10 : 100), number("OVER_USERS", quick ? 20 : 400),
				number("OVER_QUERY_MS", 100), number("ROUNDS", quick ? 1 : 2), number("BASE_PORT", 21000),
				cases.isEmpty() ? List.of() : List.of(cases.split("\\s+")), env("BEST", ""), extra,
				env("CACHE_PROPERTY", "app.cache.enabled"));
	}

	/**
	 * {@code CASES=virtual-threads}: platform against virtual threads on one runtime
	 * instead of the sweep ({@link ThreadsComparison}).
	 */
	boolean comparingThreads() {
		return this.cases.contains(ThreadsComparison.GROUP);
	}

	boolean selected(String caseId) {
		return this.cases.isEmpty() || this.cases.contains(caseId);
	}

	static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value == null) ? defaultValue : value;
	}

	private static int number(String name, int defaultValue) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? defaultValue : Integer.parseInt(value.trim());
	}

}
