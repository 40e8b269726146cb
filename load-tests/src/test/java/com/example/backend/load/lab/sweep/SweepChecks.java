package com.example.backend.load.lab.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.example.backend.load.lab.report.Figures.format;

/**
 * The sweep's checks. Little's law with the utilization law (the textbook asymptotic
 * bounds): with N requests in service at once, each waiting W and costing c of CPU,
 * throughput X <= min(N / (W + c), 1 / c), c measured in the same run as 1 / (throughput
 * of the same endpoint with W = 0). On the pool: X = P / U with U the time a connection
 * is really held. And the virtual-thread factor over 8 platform threads.
 */
final class SweepChecks {

	private SweepChecks() {
	}

	/** The CPU capacity (requests/s of case {@code cpu-capacity}) and the check rows. */
	static Outcome check(Map<String, CaseResult> byId, SweepSettings settings) {
		List<Row> rows = new ArrayList<>();
		CaseResult cpu = byId.get("cpu-capacity");
		double capacity = (cpu != null) ? cpu.number("server_rps", 0) : 0;
		if (capacity == 0) {
			return new Outcome(capacity, rows);
		}
		for (String config : Configurations.THREADS) {
			Integer count = Configurations.THREAD_COUNTS.get(config);
			CaseResult result = byId.get("threads-" + config);
			if (count != null && result != null) {
				rows.add(little(format("Little's law, %d platform thread(s), W = %d ms", count, settings.waitMs()),
						count, settings.waitMs(), capacity, result));
			}
		}
		for (int size : SweepSettings.POOL_SIZES) {
			CaseResult result = byId.get("pool-" + size);
			if (result != null) {
				rows.add(pool(size, settings.queryMs(), result));
			}
		}
		CaseResult virtual = byId.get("factor-virtual");
		CaseResult eight = byId.get("factor-platform-8");
		if (virtual != null && eight != null) {
			double wait = settings.factorWaitMs() / 1000.0;
			double cost = 1 / capacity;
			double factor = virtual.number("server_rps", 0) / Math.max(eight.number("server_rps", 0), 1e-9);
			double possible = Math.min(settings.blockingUsers() / (wait + cost), capacity) / (8 / (wait + cost));
			String verdict = (possible >= SweepSettings.VIRTUAL_FACTOR / SweepSettings.WAIT_BOUND)
					? ((factor >= SweepSettings.VIRTUAL_FACTOR) ? "PASS" : "FAIL") : "CPU too busy (not checked)";
			rows.add(new Row(
					format("virtual threads vs 8 platform threads, W = %d ms, %d users", settings.factorWaitMs(),
							settings.blockingUsers()),
					format("%.0fx", settings.blockingUsers() / 8.0),
					format("%.1fx (need >= %.0fx)", possible, SweepSettings.VIRTUAL_FACTOR), format("%.1fx", factor),
					"", verdict));
		}
		return new Outcome(capacity, rows);
	}

	private static Row little(String name, int concurrency, int waitMs, double capacity, CaseResult result) {
		double wait = waitMs / 1000.0;
		double cost = 1 / capacity;
		double ideal = concurrency / wait;
		double bound = concurrency / (wait + cost);
		double measured = result.number("server_rps", 0);
		double ratio = measured / Math.min(bound, capacity);
		String verdict = (bound <= SweepSettings.WAIT_BOUND * capacity) ? passes(ratio)
				: "CPU-bound (reported, not checked)";
		return new Row(name, format("%,.0f/s", ideal), format("%,.1f/s", Math.min(bound, capacity)),
				format("%,.1f/s", measured), format("%.2f", ratio), verdict);
	}

	/**
	 * Little's law on the pool: L = X U, with L the connections in use, X the queries
	 * served per second and U the time a connection is held (W plus the round trip plus
	 * whatever the busy CPU adds). When the pool is saturated, X = P / U.
	 */
	private static Row pool(int size, int queryMs, CaseResult result) {
		String name = format("Little's law, pool of %d, W = %d ms", size, queryMs);
		String ideal = format("%,.0f/s", size / (queryMs / 1000.0));
		Double hold = result.numberOrNull("connection_hold_ms");
		// Requests that timed out waiting for a connection (503) never used one: count
		// the
		// served ones only.
		double served = result.number("server_rps", 0)
				* (result.number("ok", 0) / Math.max(result.number("requests", 0), 1));
		if (hold == null || hold == 0) {
			return new Row(name, ideal, "-", format("%,.1f/s", served), "", "no usage data");
		}
		double bound = size / (hold / 1000);
		double ratio = served / bound;
		double inUse = result.number("active_connections_mean", 0);
		String verdict = (inUse >= 0.8 * size) ? passes(ratio)
				: format("pool not saturated (%.0f of %d in use; reported, not checked)", inUse, size);
		return new Row(name, ideal, format("%,.1f/s (P / U, U = %.0f ms)", bound, hold),
				format("%,.1f/s served", served), format("%.2f", ratio), verdict);
	}

	private static String passes(double ratio) {
		return (ratio >= SweepSettings.LITTLE_LOW && ratio <= SweepSettings.LITTLE_HIGH) ? "PASS" : "FAIL";
	}

	/** One line of the checks table. */
	record Row(String name, String ideal, String bound, String measured, String ratio, String verdict) {

		boolean failed() {
			return "FAIL".equals(this.verdict);
		}

	}

	record Outcome(double capacity, List<Row> rows) {
	}

}
