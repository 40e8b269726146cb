package com.example.backend.support;

import java.util.Locale;

import org.testcontainers.DockerClientFactory;

/**
 * How the integration tests reach PostgreSQL and Redis: {@code TEST_SERVICES} is
 * {@code auto} (containers when Docker is available, else local servers),
 * {@code testcontainers} or {@code local}. Settings come from system properties or the
 * environment; blank counts as unset.
 */
final class TestServices {

	private TestServices() {
	}

	static boolean useContainers() {
		String mode = setting("TEST_SERVICES", "auto").toLowerCase(Locale.ROOT);
		return switch (mode) {
			case "testcontainers" -> true;
			case "local" -> false;
			case "auto" -> DockerClientFactory.instance().isDockerAvailable();
			default -> throw new IllegalStateException("TEST_SERVICES must be auto, testcontainers or local: " + mode);
		};
	}

	static String setting(String name, String fallback) {
		String value = System.getProperty(name, System.getenv(name));
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
