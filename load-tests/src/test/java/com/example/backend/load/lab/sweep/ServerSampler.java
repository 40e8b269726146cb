package com.example.backend.load.lab.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.backend.load.lab.process.AppInstance;
import com.example.backend.load.lab.report.PrometheusText;

/**
 * Scrapes every application of a case once a second while Gatling runs: the server's own
 * request count (the throughput the checks use), Tomcat's busy threads, the pool's active
 * and pending connections and how long connections are held (HikariCP's usage timer: the
 * W of the pool's Little's law as it really was), CPU, and the machine's CPU from
 * /proc/stat.
 */
final class ServerSampler implements AutoCloseable {

	/** Gauges: summed over the case's JVMs, then mean and maximum over the window. */
	static final Map<String, String> GAUGES = Map.of("busy_threads", "tomcat_threads_busy_threads", "pending",
			"hikaricp_connections_pending", "active_connections", "hikaricp_connections_active", "process_cpu",
			"process_cpu_usage", "live_threads", "jvm_threads_live_threads");

	private static final Map<String, String> COUNTERS = Map.of("usage_count",
			"hikaricp_connections_usage_seconds_count", "usage_sum", "hikaricp_connections_usage_seconds_sum");

	private final List<AppInstance> apps;

	private final List<Map<String, Object>> samples = new ArrayList<>();

	private final Thread thread;

	private volatile boolean running = true;

	ServerSampler(List<AppInstance> apps) {
		this.apps = apps;
		this.thread = new Thread(this::loop, "sweep-sampler");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void loop() {
		while (this.running) {
			long started = System.currentTimeMillis();
			Map<String, Object> row = new LinkedHashMap<>();
			long[] cpu = machineCpu();
			if (cpu != null) {
				row.put("cpu_total", (double) cpu[0]);
				row.put("cpu_idle", (double) cpu[1]);
			}
			double scrapedAt = 0;
			int scraped = 0;
			for (AppInstance app : this.apps) {
				long before = System.currentTimeMillis();
				String text = app.prometheus();
				if (text == null) {
					continue;
				}
				scrapedAt += (before + System.currentTimeMillis()) / 2000.0;
				scraped++;
				add(row, text);
			}
			// A partial row would look like a drop in the request count: keep complete
			// rows
			// only, stamped with the time the counters were read (a scrape can take a
			// while
			// on a busy machine).
			if (scraped == this.apps.size()) {
				row.put("t", scrapedAt / scraped);
				synchronized (this) {
					this.samples.add(row);
				}
			}
			try {
				Thread.sleep(Math.max(0, 1000 - (System.currentTimeMillis() - started)));
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static void add(Map<String, Object> row, String text) {
		Map<String, String> metrics = new LinkedHashMap<>(GAUGES);
		metrics.putAll(COUNTERS);
		for (Map.Entry<String, String> metric : metrics.entrySet()) {
			Double value = PrometheusText.sumOrNull(text, metric.getValue(), "");
			if (value != null) {
				row.merge(metric.getKey(), value, (a, b) -> (Double) a + (Double) b);
			}
		}
		row.merge("requests", PrometheusText.sumExcept(text, "http_server_requests_seconds_count", "uri=\"/actuator"),
				(a, b) -> (Double) a + (Double) b);
	}

	/** The machine's CPU time so far, total and idle (jiffies), or null off Linux. */
	private static long[] machineCpu() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < fields.length; i++) {
				total += Long.parseLong(fields[i]);
			}
			return new long[] { total, Long.parseLong(fields[4]) + Long.parseLong(fields[5]) };
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
	}

	synchronized List<Map<String, Object>> samples() {
		return List.copyOf(this.samples);
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(Duration.ofSeconds(10).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Server-side throughput over the steady window, the machine's CPU use, how long a
	 * connection was held, and means and maxima of the gauges.
	 */
	static Map<String, Object> summarize(List<Map<String, Object>> samples, double windowStart, double windowEnd) {
		List<Map<String, Object>> inside = samples.stream().filter(s -> {
			double t = (Double) s.get("t");
			return t >= windowStart && t <= windowEnd && s.containsKey("requests");
		}).toList();
		Map<String, Object> result = new LinkedHashMap<>();
		if (inside.size() >= 2) {
			Map<String, Object> first = inside.get(0);
			Map<String, Object> last = inside.get(inside.size() - 1);
			result.put("server_rps",
					(value(last, "requests") - value(first, "requests")) / (value(last, "t") - value(first, "t")));
			double busy = value(last, "cpu_total") - value(first, "cpu_total");
			result.put("machine_cpu",
					(busy > 0) ? 1 - (value(last, "cpu_idle") - value(first, "cpu_idle")) / busy : null);
			double uses = value(last, "usage_count") - value(first, "usage_count");
			if (uses > 0) {
				result.put("connection_hold_ms", 1000 * (value(last, "usage_sum") - value(first, "usage_sum")) / uses);
			}
		}
		for (String key : List.of("busy_threads", "pending", "active_connections", "process_cpu", "live_threads")) {
			List<Double> values = inside.stream()
				.filter(s -> s.containsKey(key))
				.map(s -> (Double) s.get(key))
				.toList();
			result.put(key + "_mean",
					values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElse(0));
			result.put(key + "_max",
					values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
		}
		return result;
	}

	private static double value(Map<String, Object> sample, String key) {
		Object value = sample.get(key);
		return (value instanceof Double number) ? number : 0;
	}

}
