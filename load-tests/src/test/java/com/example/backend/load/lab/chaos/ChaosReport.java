package com.example.backend.load.lab.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import com.example.backend.load.lab.report.SvgChart;

/**
 * Writes the results of one chaos run: {@code summary.md} (the ledger, totals, the
 * schedule with what each fault cost, answers by status per fault window, the orders
 * whose answer was lost), {@code timeline.svg} (throughput and p99 over time, fault
 * windows shaded), {@code heap.svg}, {@code schedule.csv}, {@code samples.csv} and every
 * answer in {@code answers.csv.gz}.
 */
final class ChaosReport {

	private final Path out;

	private final long startMillis;

	private final List<Answer> answers;

	private final List<FaultWindow> windows;

	private final Ledger ledger;

	ChaosReport(Path out, long startMillis, List<Answer> answers, List<FaultWindow> windows, Ledger ledger) {
		this.out = out;
		this.startMillis = startMillis;
		this.answers = answers.stream().filter(answer -> !answer.gaveUp()).toList();
		this.windows = windows;
		this.ledger = ledger;
	}

	void write(List<String> header, List<Check> checks, List<MetricsSampler.Sample> samples, Path answersCsv) {
		try {
			Files.createDirectories(this.out);
			Files.writeString(this.out.resolve("summary.md"), summary(header, checks, answersCsv));
			Files.writeString(this.out.resolve("timeline.svg"), timeline());
			Files.writeString(this.out.resolve("heap.svg"), heap(samples));
			Files.writeString(this.out.resolve("schedule.csv"), scheduleCsv());
			Files.writeString(this.out.resolve("samples.csv"), samplesCsv(samples));
			try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(this.out.resolve("answers.csv.gz")))) {
				Files.copy(answersCsv, gz);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String summary(List<String> header, List<Check> checks, Path answersCsv) {
		StringBuilder md = new StringBuilder();
		header.forEach(line -> md.append(line).append('\n'));
		boolean passed = checks.stream().allMatch(Check::passed);
		md.append("\n## Ledger: ")
			.append(passed ? "PASS" : "FAIL")
			.append("\n\n| check | result | figures |\n| --- | --- | --- |\n");
		for (Check check : checks) {
			md.append("| ")
				.append(check.name())
				.append(" | ")
				.append(check.passed() ? "PASS" : "**FAIL**")
				.append(" | ")
				.append(check.detail().replace("|", "/"))
				.append(" |\n");
		}
		for (Check check : checks) {
			if (!check.findings().isEmpty()) {
				md.append("\n**").append(check.name()).append("** (").append(check.findings().size()).append("):\n\n");
				check.findings().stream().limit(40).forEach(finding -> md.append("- ").append(finding).append('\n'));
				if (check.findings().size() > 40) {
					md.append("- ... ").append(check.findings().size() - 40).append(" more\n");
				}
			}
		}
		totals(md);
		schedule(md);
		statusesPerWindow(md);
		unknownOrders(md);
		md.append("\n## Charts\n\n![throughput and p99](timeline.svg)\n\n![heap after GC](heap.svg)\n");
		return md.toString();
	}

	private void totals(StringBuilder md) {
		List<Answer> orders = ops("order");
		long keys = orders.stream().map(Answer::key).distinct().count();
		long created = orders.stream().filter(a -> a.status() == 201).map(Answer::key).distinct().count();
		long retries = this.answers.stream().filter(a -> a.attempt() > 1).count();
		long gaveUp = this.ledgerAnswersGaveUp();
		md.append("\n## Totals\n\n");
		md.append(String.format(Locale.ROOT,
				"- %d requests (answers recorded), %d retries (attempts after the first), %d careful clients gave up%n",
				this.answers.size(), retries, gaveUp));
		md.append(String.format(Locale.ROOT,
				"- %d orders attempted (distinct keys), %d created (201), %d replays, %d cancels answered 200%n", keys,
				created, orders.stream().filter(a -> a.status() == 201 && "true".equals(a.replayed())).count(),
				ops("cancel").stream().filter(a -> a.status() == 200).count()));
		md.append("- answers by status: ").append(byStatus(this.answers)).append('\n');
		md.append("- failed answers by status and problem type: ")
			.append(Ledger.countBy(this.answers.stream().filter(a -> a.status() >= 400 || a.status() == 0).toList(),
					Answer::statusAndProblem))
			.append('\n');
		md.append("- answers by operation: ").append(Ledger.countBy(this.answers, Answer::op)).append('\n');
	}

	private long ledgerAnswersGaveUp() {
		return this.ledger.gaveUp();
	}

	private void schedule(StringBuilder md) {
		md.append("\n## Fault schedule and what each fault cost\n\n");
		md.append("Offsets in seconds since the load started. Window = injected until the part hit answered again; "
				+ "the answers below also count the ")
			.append(this.ledger.graceSeconds())
			.append(" s of grace after it. ")
			.append("Error seconds: seconds with at least one answer that was no answer, 5xx or 429. ")
			.append("Retried: attempts after the first sent in the window.\n\n");
		md.append("| # | fault | planned | start | recovered | seconds | error seconds | failed answers | retried | "
				+ "slowest ms | note |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (FaultWindow window : this.windows) {
			Cost cost = cost(window);
			md.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.1f | %.1f | %.1f | %d | %d | %d | %d | %s |%n",
					window.number(),
					window.fault().label() + (window.target().isEmpty() ? "" : " (" + window.target() + ")"),
					window.plannedOffsetMillis() / 1000.0, seconds(window.startMillis()),
					seconds(window.recoveredMillis()), window.seconds(), cost.errorSeconds(), cost.failed(),
					cost.retried(), cost.slowestMillis(), window.note()));
		}
		md.append("\nPer fault, over its injections (mean; the worst in brackets):\n\n");
		md.append("| fault | times | window s | error seconds | failed answers | retried | slowest ms |\n"
				+ "| --- | --- | --- | --- | --- | --- | --- |\n");
		for (Fault fault : Fault.values()) {
			List<FaultWindow> hits = this.windows.stream().filter(w -> w.fault() == fault).toList();
			if (hits.isEmpty()) {
				continue;
			}
			List<Cost> costs = hits.stream().map(this::cost).toList();
			md.append(String.format(Locale.ROOT, "| %s | %d | %.1f (%.1f) | %.1f (%d) | %.1f (%d) | %.1f (%d) | %d |%n",
					fault.label(), hits.size(), hits.stream().mapToDouble(FaultWindow::seconds).average().orElse(0),
					hits.stream().mapToDouble(FaultWindow::seconds).max().orElse(0),
					costs.stream().mapToLong(Cost::errorSeconds).average().orElse(0),
					costs.stream().mapToLong(Cost::errorSeconds).max().orElse(0),
					costs.stream().mapToLong(Cost::failed).average().orElse(0),
					costs.stream().mapToLong(Cost::failed).max().orElse(0),
					costs.stream().mapToLong(Cost::retried).average().orElse(0),
					costs.stream().mapToLong(Cost::retried).max().orElse(0),
					costs.stream().mapToLong(Cost::slowestMillis).max().orElse(0)));
		}
	}

	/** What one fault cost the clients, counted over the answers of its window. */
	private Cost cost(FaultWindow window) {
		List<Answer> inside = inside(window);
		long errorSeconds = inside.stream()
			.filter(Answer::failed)
			.map(a -> a.sentMillis() / 1000)
			.collect(Collectors.toCollection(TreeSet::new))
			.size();
		return new Cost(errorSeconds, inside.stream().filter(Answer::failed).count(),
				inside.stream().filter(a -> a.attempt() > 1).count(),
				inside.stream().mapToLong(Answer::latencyMillis).max().orElse(0));
	}

	private void statusesPerWindow(StringBuilder md) {
		md.append("\n## Answers by status per fault window\n\n| window | answers | by status |\n| --- | --- | --- |\n");
		for (FaultWindow window : this.windows) {
			List<Answer> inside = inside(window);
			md.append("| ")
				.append(window.name())
				.append(" | ")
				.append(inside.size())
				.append(" | ")
				.append(byStatus(inside))
				.append(" |\n");
		}
		List<Answer> outside = this.answers.stream().filter(a -> this.ledger.windowOf(a).isEmpty()).toList();
		md.append("| outside every window | ")
			.append(outside.size())
			.append(" | ")
			.append(byStatus(outside))
			.append(" |\n");
	}

	private void unknownOrders(StringBuilder md) {
		List<Ledger.UnknownOrder> unknown = this.ledger.unknownOrders();
		md.append("\n## Orders created whose answer never reached the client\n\n");
		if (unknown.isEmpty()) {
			md.append("None: every order in the database was answered 201 to its client.\n");
			return;
		}
		md.append("| order | key | created (s) | the client saw | fault running |\n| --- | --- | --- | --- | --- |\n");
		for (Ledger.UnknownOrder order : unknown) {
			md.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %s | %s |%n", order.orderId(), order.key(),
					seconds(order.createdMillis()), order.answersSeen(), order.fault()));
		}
	}

	private String timeline() {
		long binMillis = binMillis();
		Map<Long, List<Long>> bins = new TreeMap<>();
		for (Answer answer : this.answers) {
			bins.computeIfAbsent((answer.sentMillis() - this.startMillis) / binMillis, unused -> new ArrayList<>())
				.add(answer.latencyMillis());
		}
		List<double[]> throughput = new ArrayList<>();
		List<double[]> p99 = new ArrayList<>();
		List<double[]> failed = new ArrayList<>();
		Map<Long, Long> failedBins = this.answers.stream()
			.filter(Answer::failed)
			.collect(
					Collectors.groupingBy(a -> (a.sentMillis() - this.startMillis) / binMillis, Collectors.counting()));
		bins.forEach((bin, latencies) -> {
			double x = (bin + 0.5) * binMillis / 1000.0;
			throughput.add(new double[] { x, latencies.size() * 1000.0 / binMillis });
			failed.add(new double[] { x, failedBins.getOrDefault(bin, 0L) * 1000.0 / binMillis });
			p99.add(new double[] { x, percentile(latencies, 0.99) });
		});
		return new SvgChart(
				"Answers per second and p99 latency (" + binMillis / 1000 + " s bins), fault windows shaded", xMax(),
				bands())
			.panel("answers per second",
					List.of(new SvgChart.Series("all answers", "#1d3557", throughput, false),
							new SvgChart.Series("failed (no answer, 5xx, 429)", "#e63946", failed, false)))
			.panel("p99 latency, ms (client side, includes waiting in a frozen part)",
					List.of(new SvgChart.Series("p99", "#2a9d8f", p99, false)))
			.render();
	}

	private String heap(List<MetricsSampler.Sample> samples) {
		Map<String, List<double[]>> afterGc = new LinkedHashMap<>();
		Map<String, List<double[]>> used = new LinkedHashMap<>();
		for (MetricsSampler.Sample sample : samples) {
			double x = seconds(sample.millis());
			double mb = sample.heapBytes() / 1e6;
			(sample.afterGc() ? afterGc : used).computeIfAbsent(sample.instance(), unused -> new ArrayList<>())
				.add(new double[] { x, mb });
		}
		String[] colors = { "#1d3557", "#e76f51" };
		List<SvgChart.Series> gcSeries = new ArrayList<>();
		List<SvgChart.Series> usedSeries = new ArrayList<>();
		int i = 0;
		for (String instance : new TreeSet<>(used.keySet())) {
			gcSeries.add(new SvgChart.Series(instance, colors[i % 2], afterGc.getOrDefault(instance, List.of()), true));
			usedSeries.add(new SvgChart.Series(instance, colors[i % 2], used.get(instance), false));
			i++;
		}
		return new SvgChart("Heap per instance (a restarted instance starts again from its start-up heap)", xMax(),
				bands())
			.panel("heap after a forced full GC, MB (every " + MetricsSampler.GC_PERIOD.toSeconds() + " s)", gcSeries)
			.panel("heap used, MB (every " + MetricsSampler.PERIOD.toSeconds() + " s)", usedSeries)
			.render();
	}

	private String scheduleCsv() {
		StringBuilder csv = new StringBuilder("number,fault,target,planned_s,start_s,recovered_s,note\n");
		for (FaultWindow window : this.windows) {
			csv.append(String.format(Locale.ROOT, "%d,%s,%s,%.1f,%.1f,%.1f,\"%s\"%n", window.number(),
					window.fault().name(), window.target(), window.plannedOffsetMillis() / 1000.0,
					seconds(window.startMillis()), seconds(window.recoveredMillis()), window.note()));
		}
		return csv.toString();
	}

	private String samplesCsv(List<MetricsSampler.Sample> samples) {
		StringBuilder csv = new StringBuilder("seconds,instance,pid,after_gc,heap_bytes,requests_served\n");
		for (MetricsSampler.Sample sample : samples) {
			csv.append(String.format(Locale.ROOT, "%.1f,%s,%d,%s,%.0f,%.0f%n", seconds(sample.millis()),
					sample.instance(), sample.pid(), sample.afterGc(), sample.heapBytes(), sample.requests()));
		}
		return csv.toString();
	}

	private List<SvgChart.Band> bands() {
		return this.windows.stream()
			.map(w -> new SvgChart.Band(seconds(w.startMillis()), seconds(w.recoveredMillis()), "#" + w.number()))
			.toList();
	}

	private List<Answer> inside(FaultWindow window) {
		return this.answers.stream()
			.filter(a -> this.ledger.windowOf(a).map(found -> found.number() == window.number()).orElse(false))
			.toList();
	}

	private List<Answer> ops(String op) {
		return this.answers.stream().filter(a -> a.op().equals(op)).toList();
	}

	private static String byStatus(List<Answer> answers) {
		return Ledger.countBy(answers, Answer::statusLabel)
			.entrySet()
			.stream()
			.map(e -> e.getKey() + ": " + e.getValue())
			.collect(Collectors.joining(", "));
	}

	private long binMillis() {
		return (xMax() > 900) ? 30_000 : 5_000;
	}

	private double xMax() {
		Optional<Long> last = this.answers.stream().map(Answer::endMillis).max(Long::compare);
		return last.map(this::seconds).orElse(1.0);
	}

	private double seconds(long millis) {
		return (millis - this.startMillis) / 1000.0;
	}

	private static double percentile(List<Long> values, double fraction) {
		long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(sorted);
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
	}

	private record Cost(long errorSeconds, long failed, long retried, long slowestMillis) {
	}

	static String isoNow() {
		return Instant.now().toString();
	}

}
