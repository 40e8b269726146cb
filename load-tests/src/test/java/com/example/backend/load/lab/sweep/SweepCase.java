package com.example.backend.load.lab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One measured case: a Gatling simulation with its system properties against one
 * configuration's JVM (or, through nginx, several).
 *
 * @param id the case's name in the results
 * @param group the chart it belongs to
 * @param config the configuration (JVM) it measures
 * @param simulation the simulation class in com.example.backend.load
 * @param properties the simulation's system properties
 * @param note what the case is, for the summary
 * @param apps the JVMs it needs
 * @param nginxPort the nginx listener it goes through, or 0 for the JVM directly
 * @param warmup whether it warms up first
 */
record SweepCase(String id, String group, String config, String simulation, Map<String, Object> properties, String note,
		List<String> apps, int nginxPort, boolean warmup) {

	SweepCase(String id, String group, String config, String simulation, Map<String, Object> properties, String note) {
		this(id, group, config, simulation, properties, note, List.of(config), 0, true);
	}

	int duration(SweepSettings settings) {
		return Integer.parseInt(this.properties.getOrDefault("duration", settings.duration()).toString());
	}

	int ramp() {
		return Integer.parseInt(this.properties.getOrDefault("ramp", 1).toString());
	}

	/**
	 * What the progress line promises: warm-up, measurement, Gatling's start and set-up.
	 */
	double seconds(SweepSettings settings) {
		double setup = 0;
		int users = Integer.parseInt(this.properties.getOrDefault("users", 1).toString());
		if (this.simulation.equals("MixedCrudSimulation") || this.simulation.equals("CheckoutSimulation")) {
			// Argon2 per login.
			setup = users * 0.1 + (this.warmup ? 5 : 0);
		}
		return (this.warmup ? settings.warmup() + 12 : 0) + duration(settings) + 14 + setup;
	}

	/** The cases that choose the best thread setting. */
	static List<SweepCase> first(SweepSettings s) {
		List<SweepCase> cases = new ArrayList<>();
		cases.add(new SweepCase("cpu-capacity", "threads", "platform-200", "BlockingDependencySimulation",
				properties("users", s.blockingUsers(), "waitMs", 0, "duration", s.duration()),
				"W = 0: what the CPU allows for this endpoint, measured side by side"));
		for (String config : Configurations.THREADS) {
			cases.add(new SweepCase("threads-" + config, "threads", config, "BlockingDependencySimulation",
					properties("users", s.blockingUsers(), "waitMs", s.waitMs(), "duration", s.duration()),
					"W = " + s.waitMs() + " ms, " + s.blockingUsers() + " users"));
		}
		for (String config : List.of("platform-8", "virtual")) {
			cases.add(new SweepCase("factor-" + config, "threads", config, "BlockingDependencySimulation",
					properties("users", s.blockingUsers(), "waitMs", s.factorWaitMs(), "duration", s.duration()),
					"W = " + s.factorWaitMs() + " ms, " + s.blockingUsers() + " users"));
		}
		return cases;
	}

	/** The cases after the thread sweep: the pools run on the best thread setting. */
	static List<SweepCase> later(SweepSettings s, String best) {
		List<SweepCase> cases = new ArrayList<>();
		for (int size : SweepSettings.POOL_SIZES) {
			cases.add(new SweepCase("pool-" + size, "pool", (size == 10) ? best : "pool-" + size, "SlowQuerySimulation",
					properties("users", s.slowUsers(), "queryMs", s.queryMs(), "duration", s.duration()),
					"W = " + s.queryMs() + " ms, " + s.slowUsers() + " users, threads: " + best));
		}
		int mixedDuration = Math.max(s.duration(), s.quick() ? 4 : 30);
		cases.add(new SweepCase(
				"mixed-1-user", "500 users", "platform-200", "MixedCrudSimulation", properties("thinkMinMs", 0,
						"thinkMaxMs", 0, "duration", mixedDuration, "ramp", 1, "users", 1, "maxErrorPercent", 0),
				"one user, no think time: the 'alone' latency"));
		cases.add(new SweepCase("mixed-500-users", "500 users", "platform-200", "MixedCrudSimulation",
				mixed(s, mixedDuration), s.mixedUsers() + " users, think 1-5 s, default configuration"));
		cases.add(new SweepCase("mixed-500-users-1-thread", "500 users", "platform-1", "MixedCrudSimulation",
				mixed(s, mixedDuration),
				s.mixedUsers() + " users, think 1-5 s, one request thread (FastAPI's one worker)"));
		cases.add(new SweepCase("checkout", "500 users", "platform-200", "CheckoutSimulation",
				properties("users", s.checkoutUsers(), "duration", s.duration()),
				s.checkoutUsers() + " users, closed loop"));
		Map<String, Object> crud = properties("users", s.crudUsers(), "thinkMinMs", 0, "thinkMaxMs", 0, "duration",
				s.duration());
		String crudNote = s.crudUsers() + " users, closed loop, through nginx";
		cases.add(new SweepCase("instances-1", "instances", "platform-200", "MixedCrudSimulation", crud, crudNote,
				List.of("platform-200"), s.basePort() + 80, true));
		cases.add(new SweepCase("instances-2", "instances", "platform-200", "MixedCrudSimulation", crud, crudNote,
				List.of("platform-200", "second-instance"), s.basePort() + 81, true));
		Map<String, Object> hotKey = properties("users", s.hotKeyUsers(), "posts", 500, "duration", s.duration());
		cases.add(new SweepCase("hot-key-cache-on", "cache", "platform-200", "HotKeySimulation", hotKey,
				"Zipf 1.1 over 500 posts"));
		cases.add(new SweepCase("hot-key-cache-off", "cache", "cache-off", "HotKeySimulation", hotKey,
				"Zipf 1.1 over 500 posts"));
		return cases;
	}

	private static Map<String, Object> mixed(SweepSettings s, int duration) {
		return properties("thinkMinMs", 1000, "thinkMaxMs", 5000, "duration", duration, "ramp", 5, "users",
				s.mixedUsers());
	}

	static Map<String, Object> properties(Object... keysAndValues) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return properties;
	}

}
