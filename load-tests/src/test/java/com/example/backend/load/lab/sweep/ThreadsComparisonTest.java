package com.example.backend.load.lab.sweep;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadsComparisonTest {

	private static final SweepSettings SETTINGS = new SweepSettings(false, false, 20, 5, 50, 20, 1000, 300, 100, 500,
			100, 50, 100, 400, 100, 2, 23500, List.of("virtual-threads"), "", Map.of(), "app.cache.enabled");

	@Test
	void everyCaseRunsOnBothJvmsTheOrderAlternatingRoundByRound() {
		assertThat(ThreadsComparison.round(SETTINGS, 1)).extracting(SweepCase::id)
			.containsExactly("crud-platform-1", "crud-virtual-1", "checkout-platform-1", "checkout-virtual-1",
					"pool-platform-1", "pool-virtual-1", "pool-over-platform-1", "pool-over-virtual-1");
		assertThat(ThreadsComparison.round(SETTINGS, 2)).extracting(SweepCase::id)
			.startsWith("crud-virtual-2", "crud-platform-2");
		SweepCase over = ThreadsComparison.round(SETTINGS, 1).get(6);
		assertThat(over.simulation()).isEqualTo("SlowQuerySimulation");
		assertThat(over.properties()).containsEntry("users", 400)
			.containsEntry("queryMs", 100)
			.containsEntry("duration", 20)
			.containsEntry("maxErrorPercent", 100);
		assertThat(over.apps()).containsExactly("platform");
	}

	@Test
	void bothJvmsSetThePropertyExplicitly() {
		assertThat(ThreadsComparison.CONFIGS.get("platform")).containsEntry(Configurations.VIRTUAL, "false");
		assertThat(ThreadsComparison.CONFIGS.get("virtual")).containsEntry(Configurations.VIRTUAL, "true");
	}

	@Test
	void figuresAreWholeNumbersAndNegativeGaugesADash() {
		assertThat(ThreadsComparison.whole(1459.6)).isEqualTo("1,460");
		assertThat(ThreadsComparison.whole(-1.0)).isEqualTo("-");
		assertThat(ThreadsComparison.whole(null)).isEqualTo("-");
		assertThat(ThreadsComparison.spread(List.of(227.0, 528.0))).isEqualTo("378 (227-528)");
		assertThat(ThreadsComparison.spread(Arrays.asList(300.0, null))).isEqualTo("300");
		assertThat(ThreadsComparison.spread(List.of())).isEqualTo("-");
	}

	@Test
	void theRatioIsOfTheMediansThenEachRoundsOwn() {
		List<CaseResult> platform = List.of(run("crud", "platform", 1, 175, 0), run("crud", "platform", 2, 491, 0));
		List<CaseResult> virtual = List.of(run("crud", "virtual", 1, 227, 0), run("crud", "virtual", 2, 528, 0));

		assertThat(ThreadsComparison.ratios(platform, virtual)).isEqualTo("1.13 (1.30, 1.08)");
		assertThat(ThreadsComparison.ratios(List.of(), virtual)).isEqualTo("-");
	}

	@Test
	void theReportHasTheMediansTableEveryRunPinningAndLoads() {
		List<CaseResult> results = List.of(run("crud", "platform", 1, 175, 2), run("crud", "virtual", 1, 227, 0),
				run("crud", "virtual", 2, 528, 0), run("crud", "platform", 2, 491, 0));

		String report = ThreadsComparison.report(results,
				new ThreadsComparison.Run("2026-12-05 02:00 UTC", "ROUNDS=2 load-tests/lab/virtual-threads.sh",
						"Runtime: x.", Map.of("virtual", "10 (0 while measuring; `reason` 10)"),
						List.of("round 1: 1.0 2.0 3.0", "end: 2.0 2.0 3.0"), "load-tests/lab/results/raw/x"));

		assertThat(report).startsWith("# Platform against virtual threads, 2026-12-05 02:00 UTC\n")
			.contains("Command: `ROUNDS=2 load-tests/lab/virtual-threads.sh`. Runtime: x.")
			.contains(
					"| crud (100 users; a note) | platform | 333 (175-491) | - | 200 | 1,000 | 2 of 2,000 | 38 | 69 |")
			.contains(
					"| crud (100 users; a note) | virtual | 378 (227-528) | 1.13 (1.30, 1.08) | 200 | 1,000 | 0 of 2,000 "
							+ "| 38 | - |")
			.contains("| crud-platform-1 | 175 | 200 | 1,000 | 2 | 100% | 1.0 / 1.5 | pass |")
			.contains("threshold 20 ms")
			.contains("virtual 10 (0 while measuring; `reason` 10).")
			.contains("```\nround 1: 1.0 2.0 3.0\nend: 2.0 2.0 3.0\n```")
			.contains("`load-tests/lab/results/raw/x`");
		assertThat(report.indexOf("crud-virtual-1")).isLessThan(report.indexOf("crud-virtual-2"));
	}

	private static CaseResult run(String group, String config, int round, double rps, double failed) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("id", group + "-" + config + "-" + round);
		values.put("group", group);
		values.put("config", config);
		values.put("users", 100);
		values.put("note", "a note");
		values.put("round", round);
		values.put("server_rps", rps);
		values.put("p50_ms", 200.0);
		values.put("p99_ms", 1000.0);
		values.put("requests", 1000.0);
		values.put("ko", failed);
		values.put("pending_mean", 38.0);
		values.put("busy_threads_mean", "virtual".equals(config) ? -1.0 : 69.0);
		values.put("machine_cpu", 1.0);
		values.put("load_before", "1.0");
		values.put("load_after", "1.5");
		values.put("assertions", "pass");
		return new CaseResult(values);
	}

}
