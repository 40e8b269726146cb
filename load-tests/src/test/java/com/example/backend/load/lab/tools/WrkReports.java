package com.example.backend.load.lab.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.example.backend.load.lab.report.BarChart;
import com.example.backend.load.lab.report.Figures;
import com.example.backend.load.lab.report.WrkOutput;

import static com.example.backend.load.lab.report.Figures.format;

/**
 * The tables (and charts) of the wrk benchmarks, from their raw wrk outputs:
 * <ul>
 * <li>{@code filter-overhead RAW OUT}: files {@code run<N>--<case>--<endpoint>.txt} and
 * {@code meta.env}; per case and endpoint the medians over runs of requests/s, p50 and
 * p99, and the median of the per-run ratios to the baseline of the same run;</li>
 * <li>{@code cache RAW OUT}: the same layout, ratios to the cache-off case, plus the
 * one-connection latency runs;</li>
 * <li>{@code bench RAW "label=jar ..." "endpoint ..."}: files
 * {@code <label>.<endpoint>.<round>.txt}, {@code meta.txt}, {@code uptime.txt},
 * {@code memory.txt}; per jar and endpoint the median requests/s and the median of the
 * per-round ratios to ping; printed on stdout. With a fourth argument, the endpoints of
 * the peer (label {@code peer}, spring-petclinic-rest): its rows, and every jar's
 * endpoints as the median of their per-round ratios to the peer's first endpoint; with
 * files {@code pgbench.<round>.txt}: the same against PostgreSQL's own {@code pgbench -S}
 * transactions/s.</li>
 * </ul>
 * Ratios measured in the same run cancel the machine's slow drift; absolute figures on a
 * shared machine do not.
 */
final class WrkReports {

	private static final Map<String, String> BENCH_NAMES = Map.of("ping", "GET /api/v1/ping", "post",
			"GET /api/v1/posts/{id}", "posts", "GET /api/v1/posts?size=20", "me", "GET /api/v1/users/me (bearer)",
			"order", "POST /api/v1/orders (2 lines, Idempotency-Key)", "pettype",
			"GET /petclinic/api/pettypes/1 (spring-petclinic-rest)");

	private static final Pattern PGBENCH_TPS = Pattern.compile("tps = ([\\d.]+)");

	private static final Map<String, String> CACHE_LABELS = Map.of("on", "cache on (hits)", "off",
			"cache off (PostgreSQL)", "miss", "cache on, every read a miss");

	/** In the order of the report: the post first. */
	private static final List<Map.Entry<String, String>> CACHE_ENDPOINTS = List.of(
			Map.entry("post", "GET /api/v1/posts/{id} (anonymous)"),
			Map.entry("me", "GET /api/v1/users/me (bearer token)"));

	private WrkReports() {
	}

	static void main(List<String> args) {
		switch (args.get(0)) {
			case "filter-overhead" -> filterOverhead(Path.of(args.get(1)), Path.of(args.get(2)));
			case "cache" -> cache(Path.of(args.get(1)), Path.of(args.get(2)));
			case "bench" -> System.out.print(bench(Path.of(args.get(1)), args.get(2), args.get(3),
					(args.size() > 4) ? List.of(args.get(4).trim().split("\\s+")) : List.of()));
			default -> throw new IllegalArgumentException("unknown report " + args.get(0));
		}
	}

	private static void filterOverhead(Path raw, Path out) {
		Map<String, String> meta = meta(raw);
		List<String> cases = List.of(meta.get("cases").trim().split("\\s+"));
		List<String> endpoints = List.of(meta.get("endpoints").split(","));
		List<Row> rows = summarise(load(raw), cases, endpoints, "baseline");
		List<String> lines = new ArrayList<>(List.of("# Filter overhead: results", "",
				"Produced by `load-tests/lab/filter-overhead.sh`; how to read it: `load-tests/lab/README.md`.", "",
				"## Machine and settings", "", "- Date: " + meta.get("date") + ", commit " + meta.get("git"),
				"- CPU: " + meta.get("cpus") + " x " + meta.get("cpu_model") + "; memory " + meta.get("memory") + "; "
						+ meta.get("kernel"),
				"- JDK: " + meta.get("java") + "; load generator: " + meta.get("wrk") + " on the same machine",
				"- wrk: " + meta.get("threads") + " thread(s), " + meta.get("connections") + " connections, "
						+ meta.get("duration") + " s per measurement after " + meta.get("warmup")
						+ " s warm-up per case and endpoint; " + meta.get("runs")
						+ " run(s), cases alternating within each run",
				"- Every case is its own JVM (512 MB heap) of the same jar, all running at once, profile "
						+ "`filter-experiment`; the database is the local PostgreSQL"));
		meta.forEach((key, value) -> {
			if (key.startsWith("path_")) {
				lines.add("- Endpoint `" + key.substring(5) + "`: `GET " + value + "`");
			}
		});
		lines.addAll(List.of("", "## Results (medians over runs)", "",
				"| endpoint | case | requests/s | vs baseline | p50 ms | p99 ms | runs | errors |",
				"| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"));
		for (Row row : rows) {
			String ratio = row.caseName().equals("baseline") ? "="
					: (row.ratio() == null) ? "n/a" : format("%+.1f%%", (row.ratio() - 1) * 100);
			lines.add(format("| %s | %s | %s | %s | %s | %s | %d | %d |", row.endpoint(), row.caseName(),
					Figures.number(row.rps(), 0), ratio, orNa(row.p50(), 2), orNa(row.p99(), 2), row.runs(),
					row.errors()));
		}
		lines.addAll(
				List.of("", "Chart: `filter-overhead.svg` (requests/s relative to the baseline of the same run).", ""));
		List<BarChart.RatioGroup> groups = new ArrayList<>();
		for (String endpoint : endpoints) {
			List<BarChart.RatioBar> bars = rows.stream()
				.filter(row -> row.endpoint().equals(endpoint))
				.map(row -> new BarChart.RatioBar(row.caseName(), orZero(row.ratio()), orZero(row.rps()),
						row.caseName().startsWith("baseline") ? "#7f7f7f"
								: row.caseName().startsWith("high") ? "#d62728"
										: row.caseName().startsWith("low") ? "#1f77b4" : "#2ca02c"))
				.toList();
			if (!bars.isEmpty()) {
				groups.add(new BarChart.RatioGroup("GET " + endpoint, bars));
			}
		}
		write(out, "filter-overhead", String.join("\n", lines), BarChart
			.ratios("Filter overhead: requests/s relative to baseline (100% = no filters)", groups, 190, true));
	}

	private static void cache(Path raw, Path out) {
		Map<String, String> meta = meta(raw);
		Map<String, Map<Integer, WrkOutput>> results = load(raw);
		List<String> cases = List.of("on", "off", "miss");
		List<String> lines = new ArrayList<>(List.of("# Cache on vs off: results", "",
				"Produced by `load-tests/lab/cache-benchmark.sh`; how to read it: `load-tests/lab/README.md`.", "",
				"## Machine and settings", "", "- Date: " + meta.get("date") + ", commit " + meta.get("git"),
				"- CPU: " + meta.get("cpus") + " x " + meta.get("cpu_model") + "; memory " + meta.get("memory") + "; "
						+ meta.get("kernel"),
				"- Load generator, databases and JVMs share the machine. Load averages (1, 5, 15 min) before the "
						+ "runs: `" + loads(meta.get("uptime_start")) + "`, after: `" + loads(meta.get("uptime_end"))
						+ "`. Compare ratios measured in the same run, not absolute figures.",
				"- JDK: " + meta.get("java") + "; PostgreSQL " + meta.get("postgres") + "; Redis " + meta.get("redis")
						+ " (a private redis-server); load generator: " + meta.get("wrk") + " on the same machine",
				"- wrk: 1 thread, " + meta.get("connections") + " connections, " + meta.get("duration")
						+ " s per measurement after " + meta.get("warmup") + " s warm-up per case and endpoint; "
						+ meta.get("runs") + " run(s), cases alternating within each run; latency: 1 connection for "
						+ meta.get("latency_duration") + " s",
				"- Each case is its own JVM (512 MB heap) of the same jar, all running at once; the API rate limit "
						+ "is off (`app.rate-limit.api.enabled=false`)",
				""));
		List<BarChart.RatioGroup> groups = new ArrayList<>();
		Map<String, String> colors = Map.of("on", "#2ca02c", "off", "#7f7f7f", "miss", "#ff7f0e");
		for (Map.Entry<String, String> endpoint : CACHE_ENDPOINTS) {
			List<Row> rows = summarise(results, cases, List.of(endpoint.getKey()), "off");
			lines.addAll(List.of("## " + endpoint.getValue() + ": throughput (medians over runs)", "",
					"| case | requests/s | vs cache off | p50 ms | p99 ms | runs | errors |",
					"| --- | ---: | ---: | ---: | ---: | ---: | ---: |"));
			for (Row row : rows) {
				String ratio = row.caseName().equals("off") ? "="
						: (row.ratio() == null) ? "n/a" : format("x%.2f", row.ratio());
				lines.add(format("| %s | %s | %s | %s | %s | %d | %d |", CACHE_LABELS.get(row.caseName()),
						Figures.number(row.rps(), 0), ratio, orNa(row.p50(), 2), orNa(row.p99(), 2), row.runs(),
						row.errors()));
			}
			lines.add("");
			groups.add(new BarChart.RatioGroup(endpoint.getValue(),
					rows.stream()
						.map(row -> new BarChart.RatioBar(CACHE_LABELS.get(row.caseName()), orZero(row.ratio()),
								orZero(row.rps()), colors.get(row.caseName())))
						.toList()));
		}
		lines.addAll(List.of("## Latency of one request at a time: GET /api/v1/posts/{id} (medians over runs)", "",
				"| case | p50 ms | p99 ms | requests/s |", "| --- | ---: | ---: | ---: |"));
		for (Row row : summarise(results, cases, List.of("post-latency"), "off")) {
			lines.add(format("| %s | %s | %s | %s |", CACHE_LABELS.get(row.caseName()), orNa(row.p50(), 3),
					orNa(row.p99(), 3), Figures.number(row.rps(), 0)));
		}
		lines.addAll(
				List.of("", "Chart: `cache-benchmark.svg` (requests/s relative to cache off in the same run).", ""));
		write(out, "cache-benchmark", String.join("\n", lines),
				BarChart.ratios("Cache on vs off: requests/s relative to cache off (x1 = every read from PostgreSQL)",
						groups, 230, false));
	}

	private static String bench(Path raw, String jars, String endpointList, List<String> peerEndpoints) {
		List<String> endpoints = List.of(endpointList.trim().split("\\s+"));
		StringBuilder text = new StringBuilder(
				"# Request-path benchmark (" + raw.getFileName().toString().replaceFirst("^bench-", "") + ")\n\n");
		text.append(read(raw.resolve("meta.txt")).strip().replace("\n", "  \n")).append("\n\n");
		text.append("| jar | endpoint | requests/s | ratio to ping | p50 ms | p99 ms | errors |\n");
		text.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
		for (String entry : jars.trim().split("\\s+")) {
			String label = entry.split("=", 2)[0];
			List<Integer> rounds = rounds(raw, label);
			Map<Integer, Double> ping = new TreeMap<>();
			rounds.forEach(
					r -> ping.put(r, WrkOutput.read(raw.resolve(label + ".ping." + r + ".txt")).requestsPerSecond()));
			for (String endpoint : endpoints) {
				List<WrkOutput> runs = new ArrayList<>();
				List<Double> ratios = new ArrayList<>();
				for (int r : rounds) {
					WrkOutput run = WrkOutput.read(raw.resolve(label + "." + endpoint + "." + r + ".txt"));
					runs.add(run);
					ratios.add(run.requestsPerSecond() / ping.get(r));
				}
				text.append(format("| %s | %s | %s | %.2f | %.1f | %.1f | %d |%n", label,
						BENCH_NAMES.getOrDefault(endpoint, endpoint),
						Figures.number(Figures.median(runs.stream().map(WrkOutput::requestsPerSecond).toList()), 0),
						Figures.median(ratios), Figures.median(runs.stream().map(WrkOutput::p50).toList()),
						Figures.median(runs.stream().map(WrkOutput::p99).toList()),
						runs.stream().mapToLong(WrkOutput::errors).sum()));
			}
		}
		List<String> labels = Stream.of(jars.trim().split("\\s+")).map(entry -> entry.split("=", 2)[0]).toList();
		if (!peerEndpoints.isEmpty()) {
			peer(text, raw, labels, endpoints, peerEndpoints);
		}
		pgbench(text, raw, labels, endpoints, peerEndpoints);
		text.append("\nLoad averages (1, 5, 15 min) per round:\n\n```\n")
			.append(read(raw.resolve("uptime.txt")).strip())
			.append("\n```\n\nResident memory (MB), 5 s after readiness and after the run:\n\n```\n")
			.append(read(raw.resolve("memory.txt")).strip())
			.append("\n```\n");
		return text.toString();
	}

	/**
	 * The peer's rows (it has no ping) and every jar's endpoints against its first one.
	 */
	private static void peer(StringBuilder text, Path raw, List<String> labels, List<String> endpoints,
			List<String> peerEndpoints) {
		List<Integer> rounds = roundsOf(raw, "peer." + peerEndpoints.get(0) + ".");
		for (String endpoint : peerEndpoints) {
			List<WrkOutput> runs = rounds.stream()
				.map(r -> WrkOutput.read(raw.resolve("peer." + endpoint + "." + r + ".txt")))
				.toList();
			text.append(
					format("| peer | %s | %s | - | %.1f | %.1f | %d |%n", BENCH_NAMES.getOrDefault(endpoint, endpoint),
							Figures.number(Figures.median(runs.stream().map(WrkOutput::requestsPerSecond).toList()), 0),
							Figures.median(runs.stream().map(WrkOutput::p50).toList()),
							Figures.median(runs.stream().map(WrkOutput::p99).toList()),
							runs.stream().mapToLong(WrkOutput::errors).sum()));
		}
		String reference = peerEndpoints.get(0);
		Map<Integer, Double> peer = new TreeMap<>();
		rounds.forEach(r -> peer.put(r,
				WrkOutput.read(raw.resolve("peer." + reference + "." + r + ".txt")).requestsPerSecond()));
		text.append("\nAgainst the peer: median over rounds of requests/s divided by the peer's ")
			.append(BENCH_NAMES.getOrDefault(reference, reference))
			.append(" in the same round.\n\n");
		ratioTable(text, raw, labels, endpoints, peer);
	}

	/**
	 * PostgreSQL's own primary-key selects ({@code pgbench -S}) of the same rounds, if
	 * any.
	 */
	private static void pgbench(StringBuilder text, Path raw, List<String> labels, List<String> endpoints,
			List<String> peerEndpoints) {
		Map<Integer, Double> tps = new TreeMap<>();
		for (int round : roundsOf(raw, "pgbench.")) {
			Matcher found = PGBENCH_TPS.matcher(read(raw.resolve("pgbench." + round + ".txt")));
			if (found.find()) { // a failed run (no connection left on a shared server)
								// leaves its round out
				tps.put(round, Double.parseDouble(found.group(1)));
			}
		}
		if (tps.isEmpty()) {
			return;
		}
		text.append(format("%nPostgreSQL alone, `pgbench -S` (primary-key select, as many clients as a jar's pool, "
				+ "%d rounds): %s transactions/s (median over rounds). Each endpoint's requests/s divided by it, "
				+ "same round:%n%n", tps.size(), Figures.number(Figures.median(List.copyOf(tps.values())), 0)));
		ratioTable(text, raw, labels, endpoints, tps);
		for (String endpoint : peerEndpoints) {
			List<Double> ratios = tps.entrySet()
				.stream()
				.map(e -> WrkOutput.read(raw.resolve("peer." + endpoint + "." + e.getKey() + ".txt"))
					.requestsPerSecond() / e.getValue())
				.toList();
			text.append(format("%nThe peer's %s: %.2f of `pgbench -S`, same round.%n",
					BENCH_NAMES.getOrDefault(endpoint, endpoint), Figures.median(ratios)));
		}
	}

	/**
	 * Per jar and endpoint, the median over rounds of requests/s divided by the
	 * reference's.
	 */
	private static void ratioTable(StringBuilder text, Path raw, List<String> labels, List<String> endpoints,
			Map<Integer, Double> reference) {
		text.append("| jar | ")
			.append(String.join(" | ", endpoints.stream().map(e -> BENCH_NAMES.getOrDefault(e, e)).toList()))
			.append(" |\n| --- |")
			.append(" ---: |".repeat(endpoints.size()))
			.append("\n");
		for (String label : labels) {
			List<String> cells = new ArrayList<>();
			for (String endpoint : endpoints) {
				List<Double> ratios = reference.entrySet()
					.stream()
					.map(e -> WrkOutput.read(raw.resolve(label + "." + endpoint + "." + e.getKey() + ".txt"))
						.requestsPerSecond() / e.getValue())
					.toList();
				cells.add(format("%.2f", Figures.median(ratios)));
			}
			text.append("| ").append(label).append(" | ").append(String.join(" | ", cells)).append(" |\n");
		}
	}

	private static List<Integer> roundsOf(Path raw, String prefix) {
		try (Stream<Path> files = Files.list(raw)) {
			return files.map(file -> file.getFileName().toString())
				.filter(name -> name.startsWith(prefix) && name.matches(".*\\.\\d+\\.txt"))
				.map(name -> Integer.parseInt(name.replaceFirst("\\.txt$", "").replaceFirst(".*\\.", "")))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<Integer> rounds(Path raw, String label) {
		try (Stream<Path> files = Files.list(raw)) {
			return files.map(file -> file.getFileName().toString())
				.filter(name -> name.startsWith(label + ".ping.") && name.endsWith(".txt"))
				.map(name -> Integer.parseInt(name.split("\\.")[2]))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * (endpoint, case) to {run: measurement}, from files run<N>--<case>--<endpoint>.txt.
	 */
	private static Map<String, Map<Integer, WrkOutput>> load(Path raw) {
		Map<String, Map<Integer, WrkOutput>> results = new TreeMap<>();
		try (Stream<Path> files = Files.list(raw)) {
			files.filter(file -> file.getFileName().toString().matches("run\\d+--.+--.+\\.txt"))
				.sorted()
				.forEach(file -> {
					String[] parts = file.getFileName().toString().replaceFirst("\\.txt$", "").split("--");
					results.computeIfAbsent(parts[2] + "/" + parts[1], key -> new TreeMap<>())
						.put(Integer.parseInt(parts[0].substring(3)), WrkOutput.read(file));
				});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return results;
	}

	private static List<Row> summarise(Map<String, Map<Integer, WrkOutput>> results, List<String> cases,
			List<String> endpoints, String baselineCase) {
		List<Row> rows = new ArrayList<>();
		for (String endpoint : endpoints) {
			Map<Integer, WrkOutput> baseline = results.getOrDefault(endpoint + "/" + baselineCase, Map.of());
			for (String caseName : cases) {
				Map<Integer, WrkOutput> runs = results.get(endpoint + "/" + caseName);
				if (runs == null || runs.isEmpty()) {
					continue;
				}
				List<Double> ratios = new ArrayList<>();
				runs.forEach((run, measured) -> {
					WrkOutput base = baseline.get(run);
					if (base != null && base.requestsPerSecond() > 0) {
						ratios.add(measured.requestsPerSecond() / base.requestsPerSecond());
					}
				});
				rows.add(new Row(endpoint, caseName,
						Figures.median(runs.values().stream().map(WrkOutput::requestsPerSecond).toList()),
						Figures.median(ratios), Figures.median(runs.values().stream().map(WrkOutput::p50).toList()),
						Figures.median(runs.values().stream().map(WrkOutput::p99).toList()), runs.size(),
						runs.values().stream().mapToLong(WrkOutput::errors).sum()));
			}
		}
		return rows;
	}

	private static Map<String, String> meta(Path raw) {
		Map<String, String> meta = new LinkedHashMap<>();
		for (String line : read(raw.resolve("meta.env")).split("\n")) {
			int equals = line.indexOf('=');
			if (equals > 0) {
				meta.put(line.substring(0, equals), line.substring(equals + 1));
			}
		}
		return meta;
	}

	private static String loads(String uptime) {
		String text = (uptime != null) ? uptime : "";
		return text.substring(text.indexOf("load average:") + ((text.contains("load average:")) ? 13 : 0)).strip();
	}

	private static void write(Path out, String name, String markdown, String svg) {
		try {
			Files.createDirectories(out);
			Files.writeString(out.resolve(name + ".md"), markdown);
			Files.writeString(out.resolve(name + ".svg"), svg);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println(markdown);
		System.out.println("Wrote " + out.resolve(name + ".md") + " and " + out.resolve(name + ".svg"));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String orNa(Double value, int digits) {
		return (value == null) ? "n/a" : Figures.number(value, digits);
	}

	private static double orZero(Double value) {
		return (value == null) ? 0 : value;
	}

	private record Row(String endpoint, String caseName, Double rps, Double ratio, Double p50, Double p99, int runs,
			long errors) {
	}

}
