package com.example.backend.load.lab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static com.example.backend.load.lab.report.Figures.format;
import static com.example.backend.load.lab.report.Figures.median;
import static com.example.backend.load.lab.report.Figures.percent;

/**
 * The sweep's case group {@code virtual-threads}
 * ({@code load-tests/lab/virtual-threads.sh}, the evidence of docs/adr/0007): platform
 * against virtual threads on one runtime, two JVMs that differ only in
 * {@code spring.threads.virtual.enabled}, on the work the default has to be right for.
 * Every case runs on both JVMs, round after round, the order alternating; the report
 * takes medians over the rounds.
 */
final class ThreadsComparison {

	static final String GROUP = "virtual-threads";

	/**
	 * Both explicit: on Java 24+ the service turns virtual threads on by default
	 * (config/VirtualThreadsDefault).
	 */
	static final Map<String, Map<String, String>> CONFIGS = Map.of("platform", Map.of(Configurations.VIRTUAL, "false"),
			"virtual", Map.of(Configurations.VIRTUAL, "true"));

	/** The image's collector (ADR 0003), and the sweep's heap. */
	static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms512m", "-Xmx768m");

	private ThreadsComparison() {
	}

	/** Platform first in odd rounds, virtual first in even ones. */
	static List<String> order(int round) {
		return (round % 2 == 1) ? List.of("platform", "virtual") : List.of("virtual", "platform");
	}

	/** One round: every case on both JVMs, in the round's order. */
	static List<SweepCase> round(SweepSettings s, int round) {
		List<SweepCase> cases = new ArrayList<>();
		for (SweepCase kind : kinds(s)) {
			for (String config : order(round)) {
				cases.add(new SweepCase(kind.id() + "-" + config + "-" + round, kind.id(), config, kind.simulation(),
						kind.properties(), kind.note()));
			}
		}
		return cases;
	}

	/** The four cases, as templates (id and group: the case's name). */
	static List<SweepCase> kinds(SweepSettings s) {
		return List.of(
				new SweepCase("crud", "crud", "", "MixedCrudSimulation",
						SweepCase.properties("users", s.crudUsers(), "thinkMinMs", 0, "thinkMaxMs", 0, "duration",
								s.duration()),
						"mixed CRUD on posts, closed loop"),
				new SweepCase("checkout", "checkout", "", "CheckoutSimulation",
						SweepCase.properties("users", s.checkoutUsers(), "duration", s.duration()),
						"list, read, order 1-3 products, read the order; closed loop"),
				new SweepCase("pool", "pool", "", "SlowQuerySimulation",
						SweepCase.properties("users", s.slowUsers(), "queryMs", s.queryMs(), "duration", s.duration()),
						"each request holds a pooled connection " + s.queryMs() + " ms; pool of 10"),
				// More waiting requests than a pool of 10 serves within Hikari's 3 s: the
				// 503s are the point, so neither assertion may fail the run.
				new SweepCase("pool-over", "pool-over", "", "SlowQuerySimulation",
						SweepCase.properties("users", s.overUsers(), "queryMs", s.overQueryMs(), "duration",
								s.duration(), "p99Ms", 1_000_000, "maxErrorPercent", 100),
						"holds a connection " + s.overQueryMs()
								+ " ms; pool of 10; waits beyond Hikari's 3 s timeout"));
	}

	/**
	 * What the run was, for the report.
	 *
	 * @param title the heading's date and time (UTC)
	 * @param command the command as run
	 * @param setup runtime, JVM options, jar, database, Redis, rounds, durations, cores,
	 * minutes
	 * @param pinned per JVM, its pinned virtual threads (JFR), described
	 * @param loads the load averages at each round's start and at the end
	 * @param raw where Gatling's reports, the logs and the recordings are
	 */
	record Run(String title, String command, String setup, Map<String, String> pinned, List<String> loads, String raw) {
	}

	/** The Markdown section of one run: medians over the rounds, then every run. */
	static String report(List<CaseResult> results, Run run) {
		List<String> lines = new ArrayList<>(List.of("# Platform against virtual threads, " + run.title(), "",
				"Command: `" + run.command() + "`. " + run.setup(), "",
				"Medians over the rounds (min-max where it matters). Requests/s is the server's own count over the "
						+ "steady window; virtual / platform is the ratio of the medians, then each round's own "
						+ "ratio; p50/p99 and failed requests are Gatling's; pending is the mean number of requests "
						+ "waiting for a pooled connection (Hikari), busy the mean of Tomcat's busy platform threads "
						+ "(none on virtual threads; the gauge reads -1 there, shown as -).",
				"", "| case | threads | requests/s | virtual / platform | p50 ms | p99 ms | failed | pending | busy |",
				"| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"));
		for (String group : groups(results)) {
			Map<String, List<CaseResult>> byConfig = new LinkedHashMap<>();
			for (String config : order(1)) {
				byConfig.put(config,
						results.stream()
							.filter(r -> group.equals(r.text("group")) && config.equals(r.text("config")))
							.toList());
			}
			for (Map.Entry<String, List<CaseResult>> entry : byConfig.entrySet()) {
				List<CaseResult> rows = entry.getValue();
				if (rows.isEmpty()) {
					continue;
				}
				CaseResult first = rows.get(0);
				lines.add(format("| %s (%s users; %s) | %s | %s | %s | %s | %s | %s | %s | %s |", group,
						whole(first.numberOrNull("users")), first.text("note"), entry.getKey(),
						spread(values(rows, "server_rps")),
						"virtual".equals(entry.getKey()) ? ratios(byConfig.get("platform"), rows) : "-",
						whole(median(values(rows, "p50_ms"))), spread(values(rows, "p99_ms")), failed(rows),
						whole(median(values(rows, "pending_mean"))), whole(median(values(rows, "busy_threads_mean")))));
			}
		}
		lines.addAll(List.of("", "Every run, in the order run:", "",
				"| run | requests/s | p50 ms | p99 ms | failed | machine CPU | load before / after | assertions |",
				"| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |"));
		for (CaseResult r : results) {
			lines.add(format("| %s | %s | %s | %s | %s | %s | %s / %s | %s |", r.id(),
					whole(r.numberOrNull("server_rps")), whole(r.numberOrNull("p50_ms")),
					whole(r.numberOrNull("p99_ms")), whole(r.numberOrNull("ko")),
					percent(r.numberOrNull("machine_cpu")), Objects.requireNonNullElse(r.text("load_before"), "-"),
					Objects.requireNonNullElse(r.text("load_after"), "-"),
					Objects.requireNonNullElse(r.text("assertions"), "-")));
		}
		List<String> pinned = new ArrayList<>();
		run.pinned().forEach((config, description) -> pinned.add(config + " " + description));
		lines.addAll(List.of("",
				"Pinned virtual threads (JFR `jdk.VirtualThreadPinned`, profile `default`: threshold 20 ms, whole run, "
						+ "\"while measuring\": began inside a case's steady window): " + String.join("; ", pinned)
						+ ".",
				"", "Load averages (1, 5, 15 min):", "", "```"));
		lines.addAll(run.loads());
		lines.addAll(List.of("```", "", "Raw: Gatling reports, application logs and recordings in `" + run.raw() + "`.",
				""));
		return String.join("\n", lines);
	}

	/** The case names in the order first run. */
	private static List<String> groups(List<CaseResult> results) {
		return results.stream().map(r -> r.text("group")).filter(Objects::nonNull).distinct().toList();
	}

	/**
	 * Ratio of the medians, then each round's own ratio: "1.13 (1.30, 1.08)". Rounds pair
	 * the runs measured side by side.
	 */
	static String ratios(List<CaseResult> platform, List<CaseResult> virtual) {
		Double base = median(values(platform, "server_rps"));
		Double measured = median(values(virtual, "server_rps"));
		if (base == null || measured == null || base == 0) {
			return "-";
		}
		List<String> perRound = new ArrayList<>();
		for (CaseResult v : virtual) {
			platform.stream()
				.filter(p -> Objects.equals(p.numberOrNull("round"), v.numberOrNull("round")))
				.map(p -> p.numberOrNull("server_rps"))
				.filter(p -> p != null && p > 0 && v.numberOrNull("server_rps") != null)
				.findFirst()
				.ifPresent(p -> perRound.add(format("%.2f", v.numberOrNull("server_rps") / p)));
		}
		return format("%.2f", measured / base) + (perRound.isEmpty() ? "" : " (" + String.join(", ", perRound) + ")");
	}

	/** "377 (227-528)": the median, and the range when the values differ. */
	static String spread(List<Double> values) {
		List<Double> present = values.stream().filter(Objects::nonNull).sorted().toList();
		if (present.isEmpty()) {
			return "-";
		}
		String middle = whole(median(present));
		return present.get(0).equals(present.get(present.size() - 1)) ? middle
				: format("%s (%s-%s)", middle, whole(present.get(0)), whole(present.get(present.size() - 1)));
	}

	private static String failed(List<CaseResult> rows) {
		double ko = rows.stream().mapToDouble(r -> r.number("ko", 0)).sum();
		double requests = rows.stream().mapToDouble(r -> r.number("requests", 0)).sum();
		return format("%,.0f of %,.0f", ko, requests);
	}

	/**
	 * A whole number with grouping; "-" when missing or negative (Tomcat's busy gauge
	 * reads -1 when requests run on virtual threads: there is no pool to be busy).
	 */
	static String whole(Double value) {
		return (value == null || value < 0) ? "-" : format("%,.0f", value);
	}

	private static List<Double> values(List<CaseResult> rows, String key) {
		return rows.stream().map(r -> r.numberOrNull(key)).toList();
	}

}
