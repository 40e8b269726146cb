package com.example.backend.load.lab.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import com.example.backend.load.lab.report.Figures;

import static com.example.backend.load.lab.report.Figures.format;

/**
 * The table of startup.sh: per case the median, minimum and maximum seconds from launch
 * to ready and resident memory, and the 1-minute load during its runs, from lines
 * {@code case run seconds rss_mb load} of its runs file.
 */
final class StartupReport {

	private StartupReport() {
	}

	static void main(List<String> args) throws IOException {
		List<String[]> rows = Files.readAllLines(Path.of(args.get(0)))
			.stream()
			.filter(line -> !line.isBlank())
			.map(line -> line.trim().split("\\s+"))
			.toList();
		List<String> cases = List.of(args.get(1).trim().split("\\s+"));
		StringBuilder out = new StringBuilder(format("# Start-up (%s)%n%n", args.get(3)));
		out.append(format("`java -jar` with profile prod against PostgreSQL; jar: `%s`; JAVA_OPTS: `%s`; %d runs per "
				+ "case, cases alternating; ready = /actuator/health/readiness UP; RSS 5 s after ready. 2 shared "
				+ "cores.%n%n", args.get(4), args.get(2), rows.size() / cases.size()));
		out.append(
				"| case | start to ready s, median (min-max) | RSS MB, median (min-max) | 1-min load during runs |\n");
		out.append("| --- | ---: | ---: | --- |\n");
		for (String name : cases) {
			List<String[]> mine = rows.stream().filter(row -> row[0].equals(name)).toList();
			List<Double> seconds = mine.stream().map(row -> Double.parseDouble(row[2])).toList();
			List<Double> rss = mine.stream().map(row -> Double.parseDouble(row[3])).toList();
			out.append(format("| %s | %.2f (%.2f-%.2f) | %.0f (%.0f-%.0f) | %s |%n", name, Figures.median(seconds),
					min(seconds), max(seconds), Figures.median(rss), min(rss), max(rss),
					mine.stream().map(row -> row[4]).collect(Collectors.joining(", "))));
		}
		System.out.print(out);
	}

	private static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
	}

}
