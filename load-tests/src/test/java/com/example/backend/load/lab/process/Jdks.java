package com.example.backend.load.lab.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the JDKs the lab needs, with no machine's paths as defaults: an explicit
 * environment variable first (a {@code java} executable or a JDK home), then the JVM
 * running this code, then the JDKs installed where the usual installers put them
 * ({@code JAVA_HOME}, {@code /usr/lib/jvm}, {@code /opt/java}, SDKMAN, macOS'
 * {@code /Library/Java/JavaVirtualMachines}), read from each JDK's {@code release} file.
 */
public final class Jdks {

	private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)[^\"]*\"");

	private Jdks() {
	}

	/** The JVM running this code. */
	public static Jdk current() {
		Path home = Path.of(System.getProperty("java.home"));
		return new Jdk(home, Runtime.version().feature());
	}

	/**
	 * The JDK named by {@code variable} when set, else the current one when its feature
	 * version is at least {@code minimum}, else the newest installed one that is; empty
	 * when there is none (the caller says what is missing).
	 */
	public static Optional<Jdk> find(String variable, int minimum) {
		String configured = System.getenv(variable);
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured);
			Path home = path.endsWith(Path.of("bin", "java")) ? path.getParent().getParent() : path;
			return Optional.of(new Jdk(home, version(home).orElse(minimum)));
		}
		if (current().feature() >= minimum) {
			return Optional.of(current());
		}
		return installed().stream().filter(jdk -> jdk.feature() >= minimum).max(Comparator.comparingInt(Jdk::feature));
	}

	/** Every JDK found in the usual places, each home once. */
	public static List<Jdk> installed() {
		List<Path> roots = new ArrayList<>(
				List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java"), Path.of("/Library/Java/JavaVirtualMachines"),
						Path.of(System.getProperty("user.home"), ".sdkman", "candidates", "java")));
		List<Path> homes = new ArrayList<>();
		String javaHome = System.getenv("JAVA_HOME");
		if (javaHome != null && !javaHome.isBlank()) {
			homes.add(Path.of(javaHome));
		}
		for (Path root : roots) {
			if (!Files.isDirectory(root)) {
				continue;
			}
			try (Stream<Path> children = Files.list(root)) {
				children.map(child -> Files.isDirectory(child.resolve("Contents/Home")) ? child.resolve("Contents/Home")
						: child)
					.forEach(homes::add);
			}
			catch (IOException ex) {
				// An unreadable folder holds no JDK we could run.
			}
		}
		List<Jdk> found = new ArrayList<>();
		List<Path> seen = new ArrayList<>();
		for (Path home : homes) {
			Path real = realPath(home);
			if (seen.contains(real) || !Files.isExecutable(home.resolve("bin/java"))) {
				continue;
			}
			seen.add(real);
			version(home).ifPresent(feature -> found.add(new Jdk(home, feature)));
		}
		return found;
	}

	private static Optional<Integer> version(Path home) {
		try {
			Matcher matcher = VERSION.matcher(Files.readString(home.resolve("release")));
			return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static Path realPath(Path path) {
		try {
			return path.toRealPath();
		}
		catch (IOException ex) {
			return path.toAbsolutePath();
		}
	}

	/** A JDK home and its feature version (17, 21, 25). */
	public record Jdk(Path home, int feature) {

		public Path java() {
			return this.home.resolve("bin").resolve("java");
		}

		/** Another tool of the same JDK ({@code jcmd}, {@code jfr}). */
		public Path tool(String name) {
			return this.home.resolve("bin").resolve(name);
		}

		/** The first line of {@code java -version}, for the reports. */
		public String description() {
			try {
				Process process = new ProcessBuilder(java().toString(), "-version").redirectErrorStream(true).start();
				String first = new String(process.getInputStream().readAllBytes()).lines().findFirst().orElse("");
				process.waitFor();
				return first;
			}
			catch (IOException ex) {
				return "java " + this.feature;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "java " + this.feature;
			}
		}

	}

}
