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
 * to ready, CPU seconds at ready, resident memory after start and after the fixed load,
 * the load's requests/s, and the 1-minute load during its runs, from lines
 * {@code case run seconds rss_mb load cpu_s requests_per_s rss_after_load_mb} of its runs
 * file. Arguments: runs file, cases, JAVA_OPTS, stamp, jar, load requests, peer jar, Java
 * 17 version line, base jar (the last four may be empty).
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
		String peer = arg(args, 6);
		String base = arg(args, 8);
		StringBuilder out = new StringBuilder(format("# Start-up (%s)%n%n", args.get(3)));
		out.append(format("`java -jar` with profile prod against PostgreSQL; jar: `%s`; JAVA_OPTS: `%s`; %d runs per "
				+ "case, cases alternating; ready = /actuator/health/readiness UP; RSS 5 s after ready, and 5 s after "
				+ "a fixed load of %s single-row GETs (hey, 16 clients). 2 shared cores. Java 17: %s.%n", args.get(4),
				args.get(2), rows.size() / cases.size(), arg(args, 5), arg(args, 7)));
		if (!base.isEmpty()) {
			out.append(format("`-base` cases: `%s`.%n", base));
		}
		if (!peer.isEmpty()) {
			out.append(format("Peer (`-peer` cases): spring-petclinic-rest, `%s`, profiles postgres,spring-data-jpa.%n",
					Path.of(peer).getFileName()));
		}
		out.append("\n| case | start to ready s | CPU s at ready | RSS MB after start | RSS MB after load | "
				+ "load requests/s | 1-min load average during runs |\n");
		out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
		for (String name : cases) {
			List<String[]> mine = rows.stream().filter(row -> row[0].equals(name)).toList();
			List<Double> requests = column(mine, 6);
			out.append(format("| %s | %s | %s | %s | %s | %s | %s |%n", name, cell(column(mine, 2), "%.2f"),
					cell(column(mine, 5), "%.1f"), cell(column(mine, 3), "%.0f"), cell(column(mine, 7), "%.0f"),
					requests.isEmpty() ? "-" : cell(requests, "%.0f"),
					mine.stream().map(row -> row[4]).collect(Collectors.joining(", "))));
		}
		out.append("\nEach cell: median (min-max).\n");
		System.out.print(out);
	}

	private static String arg(List<String> args, int index) {
		return (args.size() > index) ? args.get(index) : "";
	}

	/** The numbers of one column; "-" (no load) is left out. */
	private static List<Double> column(List<String[]> rows, int index) {
		return rows.stream()
			.filter(row -> row.length > index && !row[index].equals("-"))
			.map(row -> Double.parseDouble(row[index]))
			.toList();
	}

	private static String cell(List<Double> values, String format) {
		return format(format + " (" + format + "-" + format + ")", Figures.median(values), min(values), max(values));
	}

	private static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
	}

}
