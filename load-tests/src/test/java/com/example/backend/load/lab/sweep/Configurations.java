package com.example.backend.load.lab.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application configurations the sweep compares, one JVM each: their properties on
 * top of the defaults (200 platform threads, 10 database connections).
 */
final class Configurations {

	static final List<String> THREADS = List.of("platform-1", "platform-8", "platform-50", "platform-200", "virtual");

	/**
	 * Platform thread counts of the thread configurations checked against Little's law.
	 */
	static final Map<String, Integer> THREAD_COUNTS = Map.of("platform-1", 1, "platform-8", 8, "platform-50", 50,
			"platform-200", 200);

	static final String VIRTUAL = "spring.threads.virtual.enabled";

	private Configurations() {
	}

	/** Every configuration the first part of the sweep starts, in start order. */
	static Map<String, Map<String, String>> all(String cacheProperty) {
		Map<String, Map<String, String>> configs = new LinkedHashMap<>();
		configs.put("platform-1", threads(1));
		configs.put("platform-8", threads(8));
		configs.put("platform-50", threads(50));
		configs.put("platform-200", Map.of());
		configs.put("virtual", Map.of(VIRTUAL, "true"));
		// The default configuration again: the second instance behind nginx.
		configs.put("second-instance", Map.of());
		configs.put("cache-off", Map.of(cacheProperty, "false"));
		return configs;
	}

	/** A configuration like {@code base} with a pool of {@code size} connections. */
	static Map<String, String> pool(Map<String, String> base, int size) {
		Map<String, String> config = new LinkedHashMap<>(base);
		config.put("spring.datasource.hikari.maximum-pool-size", Integer.toString(size));
		return config;
	}

	private static Map<String, String> threads(int count) {
		return Map.of("server.tomcat.threads.max", Integer.toString(count), "server.tomcat.threads.min-spare",
				Integer.toString(Math.min(count, 10)));
	}

}
