package com.example.backend.load.lab.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What a sweep run was (run.json next to its results): when, how long, on what machine
 * and database, which thread setting won, and the settings and tolerances the checks
 * used. Jackson 2 comes with Gatling.
 *
 * @param date the day of the run (UTC)
 * @param minutes the full run's length
 * @param minutesExtra cases run again on their own later ({@code CASES=...})
 * @param machine cores, memory, kernel, JDKs, Gatling, load, Redis, commit
 * @param best the best thread setting, on which the pool cases run
 * @param database the PostgreSQL the applications used
 * @param settings the sweep's settings
 */
record RunInfo(String date, double minutes, double minutesExtra, String machine, String best, String database,
		SweepSettings settings) {

	private static final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	RunInfo withBest(String best) {
		return new RunInfo(this.date, this.minutes, this.minutesExtra, this.machine, best, this.database,
				this.settings);
	}

	void write(Path file, double capacity) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("date", this.date);
		values.put("minutes", this.minutes);
		values.put("minutes_extra", this.minutesExtra);
		values.put("machine", this.machine);
		values.put("best", this.best);
		values.put("database", this.database);
		values.put("capacity", capacity);
		values.put("wait_ms", this.settings.waitMs());
		values.put("query_ms", this.settings.queryMs());
		values.put("factor_wait_ms", this.settings.factorWaitMs());
		values.put("blocking_users", this.settings.blockingUsers());
		values.put("slow_users", this.settings.slowUsers());
		values.put("duration", this.settings.duration());
		values.put("warmup", this.settings.warmup());
		values.put("little_low", SweepSettings.LITTLE_LOW);
		values.put("little_high", SweepSettings.LITTLE_HIGH);
		values.put("wait_bound", SweepSettings.WAIT_BOUND);
		values.put("virtual_factor", SweepSettings.VIRTUAL_FACTOR);
		try {
			Files.writeString(file, json.writeValueAsString(values) + "\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The run.json of an earlier run in the same folder, with today's settings. */
	static RunInfo read(Path file, SweepSettings settings) {
		try {
			JsonNode node = json.readTree(file.toFile());
			return new RunInfo(node.path("date").asText(), node.path("minutes").asDouble(),
					node.path("minutes_extra").asDouble(), node.path("machine").asText(), node.path("best").asText(),
					node.path("database").asText(), settings);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
