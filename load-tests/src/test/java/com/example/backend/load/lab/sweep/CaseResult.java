package com.example.backend.load.lab.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case's figures, keyed as the columns of results.csv ({@link #COLUMNS}): Gatling's
 * summary, the server's metrics over the steady window, and what the case was.
 */
record CaseResult(Map<String, Object> values) {

	static final List<String> COLUMNS = List.of("id", "group", "config", "simulation", "users", "note", "requests",
			"ok", "ko", "gatling_rps", "server_rps", "mean_ms", "p50_ms", "p95_ms", "p99_ms", "p999_ms",
			"busy_threads_mean", "busy_threads_max", "connection_hold_ms", "active_connections_mean",
			"active_connections_max", "pending_mean", "pending_max", "process_cpu_mean", "machine_cpu",
			"live_threads_max", "load_before", "load_after", "assertions");

	CaseResult {
		values = new LinkedHashMap<>(values);
	}

	String id() {
		return text("id");
	}

	String text(String key) {
		Object value = this.values.get(key);
		return (value == null) ? null : value.toString();
	}

	Double numberOrNull(String key) {
		Object value = this.values.get(key);
		return (value instanceof Number number) ? number.doubleValue() : null;
	}

	double number(String key, double defaultValue) {
		Double value = numberOrNull(key);
		return (value != null) ? value : defaultValue;
	}

	Object get(String key) {
		return this.values.get(key);
	}

}
