package com.example.backend.load.lab.tools;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.example.backend.load.lab.process.Jdks;

/**
 * The lab's command-line tools, called by the wrk and JFR scripts in load-tests/lab
 * through {@code lab} of load-tests/lab/lib/app.sh (which puts this module's test class
 * path together once per script run):
 * <ul>
 * <li>{@code seed BASE_URL ADMIN_EMAIL ADMIN_PASSWORD}: seeds a running service through
 * its API and prints the state JSON the benchmarks read ({@link Seed});</li>
 * <li>{@code drive BASE_URL STATE_JSON ENDPOINT N}: N requests one after the other
 * ({@link Drive});</li>
 * <li>{@code report filter-overhead|cache RAW_DIR OUT_DIR}, {@code report bench RAW_DIR
 * "label=jar ..." "endpoint ..."}: the wrk benchmarks' tables and charts
 * ({@link WrkReports});</li>
 * <li>{@code profile RAW_DIR ENDPOINT...}: the JFR recordings of profile.sh as Markdown
 * ({@link ProfileSummary});</li>
 * <li>{@code startup RUNS_FILE "case ..." OPTIONS STAMP JAR}: the start-up table
 * ({@link StartupReport});</li>
 * <li>{@code jdk FEATURE}: the home of an installed JDK of that feature version
 * ({@link Jdks}), or exit 1 with what is missing.</li>
 * </ul>
 */
public final class Lab {

	private Lab() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			usage();
		}
		List<String> rest = Arrays.asList(args).subList(1, args.length);
		switch (args[0]) {
			case "seed" -> Seed.main(rest);
			case "drive" -> Drive.main(rest);
			case "report" -> WrkReports.main(rest);
			case "profile" -> ProfileSummary.main(rest);
			case "startup" -> StartupReport.main(rest);
			case "jdk" -> jdk(Integer.parseInt(rest.get(0)));
			default -> usage();
		}
	}

	private static void jdk(int feature) {
		Path home = Jdks.current().feature() == feature ? Jdks.current().home()
				: Jdks.installed()
					.stream()
					.filter(jdk -> jdk.feature() == feature)
					.map(Jdks.Jdk::home)
					.findFirst()
					.orElse(null);
		if (home == null) {
			System.err.println("no JDK " + feature + " found (JAVA_HOME, /usr/lib/jvm, /opt/java, SDKMAN, "
					+ "/Library/Java): install one or name it in the environment");
			System.exit(1);
		}
		System.out.println(home);
	}

	private static void usage() {
		System.err.println("usage: Lab seed|drive|report|profile|startup|jdk ... (see the class comment)");
		System.exit(2);
	}

}
