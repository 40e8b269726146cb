package com.example.backend.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.gatling.javaapi.core.Assertion;

import static io.gatling.javaapi.core.CoreDsl.global;

/**
 * The knobs every simulation shares, read from system properties ({@code -Dusers=500}) so
 * that {@code load-tests/lab/sweep.sh} and a person at the command line drive the same
 * code. Defaults are the documented load level of each simulation.
 */
final class LoadSettings {

	private LoadSettings() {
	}

	/** Where the service listens ({@code -DbaseUrl}). */
	static String baseUrl() {
		return System.getProperty("baseUrl", "http://localhost:8080");
	}

	/** Concurrent virtual users ({@code -Dusers}). */
	static int users(int defaultUsers) {
		return Integer.getInteger("users", defaultUsers);
	}

	/** How long each virtual user keeps sending ({@code -Dduration}, seconds). */
	static Duration duration(int defaultSeconds) {
		return Duration.ofSeconds(Integer.getInteger("duration", defaultSeconds));
	}

	/** Users start evenly over this time ({@code -Dramp}, seconds). */
	static Duration ramp() {
		return Duration.ofSeconds(Integer.getInteger("ramp", 2));
	}

	/** A whole number setting of one simulation, e.g. {@code -DwaitMs=50}. */
	static int integer(String name, int defaultValue) {
		return Integer.getInteger(name, defaultValue);
	}

	/**
	 * The assertions of a run: at most {@code -DmaxErrorPercent} failed requests (default
	 * 1%) and, unless {@code -Dsmoke=true}, a 99th percentile below {@code -Dp99Ms}. A
	 * smoke run checks that the scenario works, never how fast: the machine that runs the
	 * build may be busy.
	 */
	static List<Assertion> assertions(int defaultP99Millis) {
		List<Assertion> assertions = new ArrayList<>();
		double maxErrorPercent = Double.parseDouble(System.getProperty("maxErrorPercent", "1"));
		assertions.add(global().failedRequests().percent().lte(maxErrorPercent));
		if (!smoke()) {
			assertions.add(global().responseTime().percentile(99.0).lt(integer("p99Ms", defaultP99Millis)));
		}
		return assertions;
	}

	static boolean smoke() {
		return Boolean.getBoolean("smoke");
	}

}
