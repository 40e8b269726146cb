package com.example.backend.load.lab.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.example.backend.load.lab.report.BarChart;
import com.example.backend.load.lab.report.Csv;

import static com.example.backend.load.lab.report.Figures.format;
import static com.example.backend.load.lab.report.Figures.number;
import static com.example.backend.load.lab.report.Figures.percent;

/** Writes the sweep's summary.md, results.csv, samples.csv and SVG charts. */
final class SweepReport {

	/** The published FastAPI figures and the case each is compared with. */
	private static final List<List<String>> FASTAPI = List.of(List.of("alone (one user)", "14 ms", "mixed-1-user"),
			List.of("500 users, one worker", "1.6 s (and rising)", "mixed-500-users-1-thread"),
			List.of("500 users, 16 workers", "90 ms", "mixed-500-users"));

	private SweepReport() {
	}

	static void write(Path out, List<CaseResult> results, List<Map<String, Object>> samples, SweepChecks.Outcome checks,
			RunInfo info) {
		Csv.write(out.resolve("results.csv"), CaseResult.COLUMNS, results.stream().map(CaseResult::values).toList());
		TreeSet<String> keys = new TreeSet<>();
		samples.forEach(sample -> keys.addAll(sample.keySet()));
		keys.remove("case");
		List<String> sampleColumns = new ArrayList<>(List.of("case"));
		sampleColumns.addAll(keys);
		Csv.write(out.resolve("samples.csv"), sampleColumns, samples);
		Map<String, CaseResult> byId = SweepRunner.byId(results);
		charts(out, byId, info);
		writeString(out.resolve("summary.md"), summary(results, byId, checks, info));
	}

	private static String summary(List<CaseResult> results, Map<String, CaseResult> byId, SweepChecks.Outcome checks,
			RunInfo info) {
		String minutes = format("%.1f minutes", info.minutes());
		if (info.minutesExtra() > 0) {
			minutes += format(", plus %.1f minutes for cases run again on their own (`CASES=...`)",
					info.minutesExtra());
		}
		double capacity = checks.capacity();
		List<String> lines = new ArrayList<>(List.of("# Load-test sweep, " + info.date(), "",
				"One run of `load-tests/lab/sweep.sh` (the Java runner `com.example.backend.load.lab.sweep.SweepRunner`): "
						+ minutes + ". " + info.machine(),
				"", "## Checks", "",
				"Little's law (L = X R) with N requests in service at once, each waiting W: throughput X <= N / W. "
						+ "Each request also needs CPU; on a small or shared machine that cost is not always "
						+ "negligible, so the sweep measures it in the same run: c = 1 / (throughput of the same "
						+ "endpoint with W = 0, case `cpu-capacity`: "
						+ format("%,.1f requests/s, i.e. c = %.1f ms). ", capacity,
								(capacity > 0) ? 1000 / capacity : 0)
						+ "The bound is then X <= min(N / (W + c), 1 / c) (Little's law plus the utilization law; "
						+ "the textbook asymptotic bounds). A configuration is checked when its wait bound "
						+ format("N / (W + c) is below %.0f%% of the CPU bound 1 / c, ", SweepSettings.WAIT_BOUND * 100)
						+ "i.e. when the wait, not the CPU, is the limit; then the measured throughput must be within "
						+ format("%.2f-%.2f of the bound ", SweepSettings.LITTLE_LOW, SweepSettings.LITTLE_HIGH)
						+ "(the tolerance covers the machine's load moving during the run). Rows where the CPU is "
						+ "the limit are reported, not checked. For the pool the same law reads X = P / U with U the "
						+ "time a connection is really held (HikariCP's usage timer: W plus the round trip plus "
						+ "whatever the busy CPU adds) and X the queries served (answers that timed out waiting for "
						+ "a connection, 503, never held one), checked when the pool is saturated (at least 80% of "
						+ "its connections in use on average). Virtual threads must serve at least "
						+ format("%.0fx what 8 platform threads serve on the blocking scenario with W = %d ms ",
								SweepSettings.VIRTUAL_FACTOR, info.settings().factorWaitMs())
						+ "(a long wait, so that even a busy CPU allows the factor: checked when the bounds allow "
						+ "it). Throughput here is the server's own count (`http_server_requests_seconds_count`) "
						+ "over the steady part of each run.",
				"", "| check | N / W | bound min(N / (W + c), 1 / c) | measured | measured / bound | verdict |",
				"| --- | --- | --- | --- | --- | --- |"));
		for (SweepChecks.Row row : checks.rows()) {
			lines.add("| " + String.join(" | ", row.name(), row.ideal(), row.bound(), row.measured(), row.ratio(),
					row.verdict()) + " |");
		}
		lines.addAll(List.of("", "## Next to the published FastAPI figures", "",
				"The write-up (Locust, 75% reads / 20% writes / 5% deletes, one table, up to 500 users) against our "
						+ "mixed CRUD simulation (same mix on posts, authenticated, users thinking 1-5 s between "
						+ "requests like Locust's usual `between(1, 5)`; the write-up does not state its wait time):",
				"", "| situation | FastAPI (published) | ours: mean | p50 | p95 | p99 | errors | case |",
				"| --- | --- | --- | --- | --- | --- | --- | --- |"));
		for (List<String> fastApi : FASTAPI) {
			CaseResult r = byId.getOrDefault(fastApi.get(2), new CaseResult(Map.of()));
			lines.add(format("| %s | %s | %s ms | %s ms | %s ms | %s ms | %s | `%s` |", fastApi.get(0), fastApi.get(1),
					number(r.get("mean_ms"), 0), number(r.get("p50_ms"), 0), number(r.get("p95_ms"), 0),
					number(r.get("p99_ms"), 0), number(r.get("ko"), 0), fastApi.get(2)));
		}
		lines.addAll(List.of("",
				"Our row for 16 workers is the default configuration (one JVM, 200 request threads, 10 database "
						+ "connections); the one-worker row is the same JVM setting with "
						+ "`server.tomcat.threads.max=1`.",
				"", "## Every case", "",
				"Requests/s: Gatling's mean over the whole run (ramp-up included) and the server's count over the "
						+ "steady part. Latencies from Gatling (client side, queueing included). Busy threads: "
						+ "Tomcat's gauge (meaningless with virtual threads); pending: requests waiting for a pooled "
						+ "connection; CPU: the application JVM(s) and the whole machine (load generator and "
						+ "databases included), as fractions of all cores. Load: `uptime` load averages before and "
						+ "after the case.",
				"",
				"| case | configuration | users | req/s (Gatling) | req/s (server) | p50 ms | p95 ms | p99 ms | "
						+ "errors | busy threads mean/max | connections active mean/max | pending mean/max | app CPU | "
						+ "machine CPU | load before / after | assertions |",
				"| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"));
		for (CaseResult r : results) {
			lines.add(format(
					"| `%s` | %s: %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s / %s | %s / %s | %s | %s | "
							+ "%s / %s | %s |",
					r.id(), r.text("config"), orEmpty(r.text("note")), number(r.get("users"), 0),
					number(r.get("gatling_rps"), 1), number(r.get("server_rps"), 1), number(r.get("p50_ms"), 0),
					number(r.get("p95_ms"), 0), number(r.get("p99_ms"), 0), number(r.get("ko"), 0),
					number(r.get("busy_threads_mean"), 1), number(r.get("busy_threads_max"), 0),
					number(r.get("active_connections_mean"), 1), number(r.get("active_connections_max"), 0),
					number(r.get("pending_mean"), 1), number(r.get("pending_max"), 0),
					percent(r.numberOrNull("process_cpu_mean")), percent(r.numberOrNull("machine_cpu")),
					orDash(r.text("load_before")), orDash(r.text("load_after")), orDash(r.text("assertions"))));
		}
		SweepSettings s = info.settings();
		lines.addAll(List.of("", "## Charts", "", "![throughput against threads](threads-throughput.svg)", "",
				"![p99 against threads](threads-p99.svg)", "", "![throughput against pool size](pool-throughput.svg)",
				"", "![other cases](other-cases.svg)", "", "## Method", "",
				"- One JVM per configuration (the experiment jar, `./mvnw -Pexperiment package`, which is the "
						+ "application plus two experiment endpoints behind the profile `slow-endpoints`), all "
						+ "started at the beginning and idle while others are measured; the pool configurations "
						+ "start once the thread sweep has chosen the best thread setting (here: `" + info.best()
						+ "`). " + info.database()
						+ ", so that 50-connection pools never take connections from a shared server's other users.",
				format("- Each case: %d s of the same load to warm the JIT (Gatling, no report), then %d s measured "
						+ "(the 500-user cases 30 s) with users starting within 1 s (5 s for 500 users). Closed loop: "
						+ "every virtual user sends its next request when the previous answer arrives (plus think "
						+ "time where stated), one connection per user.", s.warmup(), s.duration()),
				format("- Blocking scenario: `GET /api/v1/experiment/wait?ms=%d` (%d users). Slow query: "
						+ "`GET /api/v1/experiment/slow-query?ms=%d` (%d users), `SELECT pg_sleep` on a pooled "
						+ "connection.", s.waitMs(), s.blockingUsers(), s.queryMs(), s.slowUsers()),
				"- The instances cases go through nginx (`load-tests/src/test/resources/sweep/nginx.conf.template`, "
						+ "keep-alive upstreams) in both cases, so that the proxy's cost is on both sides.",
				"- The hot-key scenario compares `" + s.cacheProperty() + "=true` and `false`.",
				"- The application logs at WARN for the `access` logger during the sweep (one log line per "
						+ "request would be measured too); the throttles are lifted (one client address logs in "
						+ "hundreds of users) and the API rate limit is off.",
				""));
		return String.join("\n", lines);
	}

	private static void charts(Path out, Map<String, CaseResult> byId, RunInfo info) {
		List<String> configs = List.of("platform-1", "platform-8", "platform-50", "platform-200", "virtual");
		List<String> names = List.of("1 thread", "8 threads", "50 threads", "200 threads", "virtual");
		List<String> labels = new ArrayList<>();
		List<CaseResult> threads = new ArrayList<>();
		List<Double> littles = new ArrayList<>();
		double wait = info.settings().waitMs() / 1000.0;
		for (int i = 0; i < configs.size(); i++) {
			CaseResult result = byId.get("threads-" + configs.get(i));
			if (result != null) {
				labels.add(names.get(i));
				threads.add(result);
				Integer count = Configurations.THREAD_COUNTS.get(configs.get(i));
				littles.add((count != null) ? count / wait : null);
			}
		}
		String blocking = format("Blocking dependency (W = %d ms, %d users): ", info.settings().waitMs(),
				info.settings().blockingUsers());
		writeString(out.resolve("threads-throughput.svg"),
				BarChart.vertical(blocking + "throughput", labels,
						List.of(new BarChart.Series("requests/s (server)", values(threads, "server_rps"))),
						"requests/s", littles, "Little's law: N / W", true));
		writeString(out.resolve("threads-p99.svg"),
				BarChart.vertical(blocking + "latency", labels,
						List.of(new BarChart.Series("p50 ms", values(threads, "p50_ms")),
								new BarChart.Series("p99 ms", values(threads, "p99_ms"))),
						"milliseconds", null, null, true));
		List<CaseResult> pools = new ArrayList<>();
		List<String> poolLabels = new ArrayList<>();
		List<Double> poolLittles = new ArrayList<>();
		for (int size : SweepSettings.POOL_SIZES) {
			CaseResult result = byId.get("pool-" + size);
			if (result != null) {
				pools.add(result);
				poolLabels.add("pool " + size);
				poolLittles.add(size / (info.settings().queryMs() / 1000.0));
			}
		}
		writeString(out.resolve("pool-throughput.svg"),
				BarChart.vertical(
						format("Slow query (W = %d ms, %d users, %s): throughput", info.settings().queryMs(),
								info.settings().slowUsers(), info.best()),
						poolLabels, List.of(new BarChart.Series("requests/s (server)", values(pools, "server_rps"))),
						"requests/s", poolLittles, "Little's law: N / W", false));
		List<String> others = List.of("instances-1", "instances-2", "hot-key-cache-on", "hot-key-cache-off", "checkout")
			.stream()
			.filter(byId::containsKey)
			.toList();
		writeString(out.resolve("other-cases.svg"),
				BarChart.vertical("Instances, cache, checkout: throughput", others,
						List.of(new BarChart.Series("requests/s (Gatling)",
								values(others.stream().map(byId::get).toList(), "gatling_rps"))),
						"requests/s", null, null, false));
	}

	private static List<Double> values(List<CaseResult> results, String key) {
		return results.stream().map(result -> result.numberOrNull(key)).toList();
	}

	private static String orEmpty(String text) {
		return (text != null) ? text : "";
	}

	private static String orDash(String text) {
		return (text != null) ? text : "-";
	}

	static void writeString(Path file, String text) {
		try {
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
