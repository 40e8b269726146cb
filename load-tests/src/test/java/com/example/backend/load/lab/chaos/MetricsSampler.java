package com.example.backend.load.lab.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.backend.load.lab.process.AppInstance;
import com.example.backend.load.lab.process.Commands;
import com.example.backend.load.lab.report.PrometheusText;

/**
 * Scrapes every instance's {@code /actuator/prometheus} every {@link #PERIOD} (heap used,
 * requests served) and, every {@link #GC_PERIOD}, forces a full collection through jcmd
 * and scrapes again: the heap used then is the heap after GC, whose trend tells a leak
 * from garbage not yet collected. A frozen or stopped instance is skipped.
 */
final class MetricsSampler implements AutoCloseable {

	static final Duration PERIOD = Duration.ofSeconds(2);

	static final Duration GC_PERIOD = Duration.ofSeconds(60);

	private final List<AppInstance> instances;

	private final List<Sample> samples = new ArrayList<>();

	private final Map<String, Long> lastGc = new ConcurrentHashMap<>();

	private final Thread thread;

	private volatile boolean running = true;

	MetricsSampler(List<AppInstance> instances) {
		this.instances = instances;
		this.thread = new Thread(this::loop, "metrics-sampler");
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	synchronized List<Sample> samples() {
		return List.copyOf(this.samples);
	}

	private void loop() {
		try {
			sampleUntilClosed();
		}
		catch (IllegalStateException ex) {
			if (this.running) {
				throw ex;
			}
		}
	}

	private void sampleUntilClosed() {
		while (this.running) {
			long now = System.currentTimeMillis();
			for (AppInstance instance : this.instances) {
				if (!instance.alive() || instance.frozen()) {
					continue;
				}
				long pid = instance.pid();
				boolean gcDue = now - this.lastGc.getOrDefault(instance.name() + pid, now) >= GC_PERIOD.toMillis();
				this.lastGc.putIfAbsent(instance.name() + pid, now);
				if (gcDue) {
					this.lastGc.put(instance.name() + pid, now);
					if (!instance.collectGarbage()) {
						gcDue = false;
					}
				}
				String text = instance.prometheus();
				if (text != null) {
					add(new Sample(System.currentTimeMillis(), instance.name(), pid, gcDue,
							PrometheusText.sum(text, "jvm_memory_used_bytes", "area=\"heap\""),
							PrometheusText.sum(text, "http_server_requests_seconds_count", "")));
				}
			}
			Commands.sleep(PERIOD);
		}
	}

	private synchronized void add(Sample sample) {
		this.samples.add(sample);
	}

	@Override
	public void close() {
		this.running = false;
		this.thread.interrupt();
	}

	/**
	 * One scrape. {@code afterGc}: taken right after a forced full collection, so
	 * {@code heapBytes} is the live heap.
	 */
	record Sample(long millis, String instance, long pid, boolean afterGc, double heapBytes, double requests) {
	}

}
