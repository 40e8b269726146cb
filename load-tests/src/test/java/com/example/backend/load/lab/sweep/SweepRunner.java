package com.example.backend.load.lab.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.example.backend.load.lab.process.AppInstance;
import com.example.backend.load.lab.process.Commands;
import com.example.backend.load.lab.process.Jdks;
import com.example.backend.load.lab.process.NginxServer;
import com.example.backend.load.lab.process.PostgresServer;
import com.example.backend.load.lab.process.RedisServer;
import com.example.backend.load.lab.process.StartedResources;
import com.example.backend.load.lab.report.Csv;
import com.example.backend.load.lab.report.GatlingOutput;
import com.example.backend.load.lab.report.PinnedEvents;

import static com.example.backend.load.lab.report.Figures.format;

/**
 * The load-test sweep (load-tests/lab/README.md): starts the service once per
 * configuration (the virtual-thread one on a JDK 21+ it finds), a private PostgreSQL,
 * Redis and nginx, warms each case up, runs its Gatling simulation while it samples the
 * server's own metrics, checks the results against Little's law and the virtual-thread
 * factor, and writes summary.md, results.csv, samples.csv, run.json and SVG charts to
 * {@code load-tests/lab/results/<date>/} (Gatling's reports and the logs to
 * {@code load-tests/lab/results/raw/<date>/}). Run with {@code load-tests/lab/sweep.sh};
 * settings come from the environment ({@link SweepSettings}, plus {@code APP_JAR},
 * {@code SKIP_BUILD=1}, {@code JAVA} / {@code JAVA_VIRTUAL} (a java executable or JDK
 * home), {@code BENCH_JDBC_URL}, {@code REDIS_HOST} / {@code REDIS_PORT},
 * {@code RESULTS_DIR}). Exits 1 when a check fails, 2 when the sweep cannot run.
 * {@code CASES=virtual-threads} ({@code load-tests/lab/virtual-threads.sh}) runs the
 * platform against virtual threads comparison instead ({@link ThreadsComparison}).
 */
public final class SweepRunner {

	private static final String ADMIN_EMAIL = "load-admin@load.test";

	private static final String ADMIN_PASSWORD = "load-admin-password";

	private final Path root;

	private final SweepSettings settings;

	private final Path out;

	private final Path raw;

	private final Path log;

	private final String date = LocalDate.now(ZoneOffset.UTC).toString();

	private final Map<String, AppInstance> apps = new LinkedHashMap<>();

	private final StartedResources running = new StartedResources();

	private final List<Map<String, Object>> samples = new ArrayList<>();

	private final Map<String, String> environment = new LinkedHashMap<>();

	private final String jwtSecret = secret(48);

	private Path jar;

	private Jdks.Jdk platformJdk;

	private Jdks.Jdk virtualJdk;

	private SweepRunner(Path root, SweepSettings settings) {
		this.root = root;
		this.settings = settings;
		Path results = root.resolve("load-tests/lab/results");
		String configured = SweepSettings.env("RESULTS_DIR", "");
		if (!configured.isBlank()) {
			// E.g. a second sweep on other ports at the same time.
			this.out = Path.of(configured).toAbsolutePath();
			this.raw = this.out.resolve("raw");
		}
		else {
			this.out = settings.quick() ? results.resolve("raw/quick") : results.resolve(this.date);
			// The thread comparison's raw files apart from a sweep of the same day.
			String rawName = (settings.quick() ? "quick-run" : this.date)
					+ (settings.comparingThreads() ? "-virtual-threads" : "");
			this.raw = results.resolve("raw").resolve(rawName);
		}
		this.log = this.raw.resolve("runner-commands.log");
	}

	public static void main(String[] args) throws IOException {
		Path root = Path.of("").toAbsolutePath();
		if (Files.exists(root.resolve("../load-tests"))) {
			root = root.getParent();
		}
		SweepRunner runner = new SweepRunner(root, SweepSettings.fromEnvironment());
		Runtime.getRuntime().addShutdownHook(new Thread(runner::stopAll));
		int code;
		try {
			code = runner.run();
		}
		catch (IllegalStateException ex) {
			System.err.println("sweep cannot run: " + ex.getMessage());
			code = 2;
		}
		finally {
			runner.stopAll();
		}
		System.exit(code);
	}

	private int run() throws IOException {
		long started = System.currentTimeMillis();
		Files.createDirectories(this.raw.resolve("apps"));
		Files.createDirectories(this.out);
		boolean adding = !this.settings.cases().isEmpty() && Files.exists(this.out.resolve("results.csv"));
		List<CaseResult> previous = (adding || this.settings.reportOnly()) ? previousResults() : List.of();
		RunInfo info = (adding || this.settings.reportOnly())
				? RunInfo.read(this.out.resolve("run.json"), this.settings) : null;
		if (this.settings.reportOnly()) {
			this.samples.addAll(Csv.read(this.out.resolve("samples.csv")));
			return finish(previous, info);
		}
		prepare();
		String machine = machine();
		String database = startDatabase();
		if (this.settings.comparingThreads()) {
			return compareThreads(started, database);
		}
		String guessedBest = !this.settings.best().isBlank() ? this.settings.best()
				: (info != null) ? info.best() : "virtual";
		List<SweepCase> first = SweepCase.first(this.settings);
		List<SweepCase> expectedLater = SweepCase.later(this.settings, guessedBest);
		int total = first.size() + expectedLater.size();
		List<SweepCase> selected = Stream.concat(first.stream(), expectedLater.stream())
			.filter(c -> this.settings.selected(c.id()))
			.toList();
		Map<String, Map<String, String>> configs = Configurations.all(this.settings.cacheProperty());
		List<String> needed = configs.keySet()
			.stream()
			.filter(name -> selected.stream().anyMatch(c -> c.apps().contains(name)))
			.toList();
		say(format("starting %d application(s) on ports %d-%d", needed.size(), this.settings.basePort() + 1,
				this.settings.basePort() + configs.size()));
		if (!needed.isEmpty()) {
			// The first migrates the schema and creates the admin; the others find them.
			startApps(needed.subList(0, 1), configs::get);
			startApps(needed.subList(1, needed.size()), configs::get);
		}
		say(format("all up after %.0f s", (System.currentTimeMillis() - started) / 1000.0));
		if (this.apps.containsKey("platform-200") && this.apps.containsKey("second-instance")) {
			startNginx();
		}

		List<CaseResult> results = new ArrayList<>();
		for (int i = 0; i < first.size(); i++) {
			SweepCase sweepCase = first.get(i);
			if (selected.contains(sweepCase)) {
				double left = selected.stream()
					.filter(c -> !first.subList(0, first.indexOf(sweepCase)).contains(c))
					.mapToDouble(c -> c.seconds(this.settings))
					.sum() + 120;
				results.add(runCase(sweepCase, i + 1, total, started, left));
			}
		}

		String best = results.stream()
			.filter(r -> r.id().startsWith("threads-"))
			.max((a, b) -> Double.compare(a.number("server_rps", 0), b.number("server_rps", 0)))
			.map(r -> r.text("config"))
			.orElse(guessedBest);
		List<SweepCase> later = SweepCase.later(this.settings, best);
		Map<String, Map<String, String>> poolConfigs = new LinkedHashMap<>();
		for (int size : SweepSettings.POOL_SIZES) {
			if (size != 10 && this.settings.selected("pool-" + size)) {
				poolConfigs.put("pool-" + size, Configurations.pool(configs.get(best), size));
			}
		}
		if (!this.apps.containsKey(best)
				&& later.stream().anyMatch(c -> c.config().equals(best) && this.settings.selected(c.id()))) {
			poolConfigs.put(best, configs.get(best));
		}
		say("best thread setting: " + best + "; starting "
				+ (poolConfigs.isEmpty() ? "nothing more" : String.join(", ", poolConfigs.keySet())));
		startApps(List.copyOf(poolConfigs.keySet()), poolConfigs::get);
		for (int j = 0; j < later.size(); j++) {
			SweepCase sweepCase = later.get(j);
			if (!this.settings.selected(sweepCase.id())) {
				continue;
			}
			double left = later.subList(j, later.size())
				.stream()
				.filter(c -> this.settings.selected(c.id()))
				.mapToDouble(c -> c.seconds(this.settings))
				.sum();
			try {
				results.add(runCase(sweepCase, first.size() + j + 1, total, started, left));
			}
			catch (IllegalStateException ex) {
				say("   " + ex.getMessage());
				Map<String, Object> failed = describe(sweepCase);
				failed.put("assertions", "run failed: " + ex.getMessage());
				results.add(new CaseResult(failed));
			}
		}

		double minutes = (System.currentTimeMillis() - started) / 60_000.0;
		if (adding) {
			// Add to (or replace in) the results already there.
			List<String> ids = results.stream().map(CaseResult::id).toList();
			List<CaseResult> merged = new ArrayList<>(previous.stream().filter(r -> !ids.contains(r.id())).toList());
			merged.addAll(results);
			results = merged;
			List<Map<String, Object>> kept = Csv.read(this.out.resolve("samples.csv"))
				.stream()
				.filter(s -> !ids.contains(String.valueOf(s.get("case"))))
				.toList();
			this.samples.addAll(0, kept);
			info = new RunInfo(info.date(), info.minutes(), info.minutesExtra() + minutes, info.machine(), info.best(),
					info.database(), this.settings);
		}
		else {
			info = new RunInfo(this.date, minutes, 0, machine, best, database, this.settings);
		}
		return finish(results, info);
	}

	private int finish(List<CaseResult> results, RunInfo info) {
		SweepChecks.Outcome checks = SweepChecks.check(byId(results), this.settings);
		info.write(this.out.resolve("run.json"), checks.capacity());
		SweepReport.write(this.out, results, this.samples, checks, info);
		say(format("checks (sweep took %.1f min)", info.minutes() + info.minutesExtra()));
		for (SweepChecks.Row row : checks.rows()) {
			say(format("   %-34s %s: N / W %s, bound %s, measured %s (%s)", row.verdict(), row.name(), row.ideal(),
					row.bound(), row.measured(), row.ratio()));
		}
		say("results: " + this.out.resolve("summary.md") + "; Gatling reports and logs: " + this.raw);
		return checks.rows().stream().anyMatch(SweepChecks.Row::failed) ? 1 : 0;
	}

	/** The jar, the JDKs and the Redis the applications use. */
	private void prepare() {
		this.jar = jar();
		this.platformJdk = Jdks.find("JAVA", 17)
			.orElseThrow(() -> new IllegalStateException("no JDK 17+ found: set JAVA to a java executable"));
		this.virtualJdk = Jdks.find("JAVA_VIRTUAL", 21)
			.orElseThrow(() -> new IllegalStateException("virtual threads need a JDK 21 or newer, and none was "
					+ "found (JAVA_HOME, /usr/lib/jvm, /opt/java, SDKMAN, /Library/Java): install one or set "
					+ "JAVA_VIRTUAL to its java executable"));
		say("application JVMs: " + this.platformJdk.home() + " (virtual threads: " + this.virtualJdk.home() + ")");
		this.environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
		this.environment.put("SPRING_DATASOURCE_PASSWORD", "");
		String redis = startRedis();
		if (redis != null) {
			this.environment.put("SPRING_DATA_REDIS_HOST", redis.substring(0, redis.indexOf(':')));
			this.environment.put("SPRING_DATA_REDIS_PORT", redis.substring(redis.indexOf(':') + 1));
			// A key prefix of this run's own: a shared Redis is never flushed.
			this.environment.put("APP_REDIS_KEY_PREFIX", "load-sweep-" + HexFormat.of().formatHex(bytes(4)) + ":");
		}
	}

	/**
	 * Redis as in production (cache, rate limits, shared by both instances behind nginx):
	 * REDIS_HOST/REDIS_PORT when set, REDIS_HOST= (empty) for none (in-process cache),
	 * else a private redis-server when one is installed. Returns host:port or null.
	 */
	private String startRedis() {
		String host = System.getenv("REDIS_HOST");
		if (host != null) {
			return host.isBlank() ? null : host + ":" + SweepSettings.env("REDIS_PORT", "6379");
		}
		if (Commands.run(List.of("sh", "-c", "command -v redis-server"), this.log, Duration.ofSeconds(10)) != 0) {
			say("no redis-server installed: the applications use their in-process cache");
			return null;
		}
		try {
			Path directory = Files.createDirectories(this.raw.resolve("redis"));
			RedisServer redis = new RedisServer(directory, this.raw.resolve("redis.log"),
					this.settings.basePort() + 379);
			redis.start();
			this.running.add(redis);
			say("private Redis on port " + redis.port());
			return "127.0.0.1:" + redis.port();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * BENCH_JDBC_URL when set, else a private PostgreSQL: the pool cases open 50
	 * connections, which a shared server's other users need. Returns its description.
	 */
	private String startDatabase() throws IOException {
		String url = SweepSettings.env("BENCH_JDBC_URL", "");
		if (!url.isBlank()) {
			this.environment.put("SPRING_DATASOURCE_URL", url);
			return "PostgreSQL at " + url;
		}
		// Readable by the postgres user, who runs the private server when this runs as
		// root.
		Path temp = Files.createTempDirectory("load-sweep-pg-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		this.running.add(() -> PostgresServer.deleteTree(temp));
		PostgresServer postgres = new PostgresServer(temp, this.log, this.settings.basePort() + 432, 300);
		postgres.initAndStart();
		this.running.add(postgres);
		this.environment.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl("postgres"));
		say("private PostgreSQL " + postgres.version() + " on port " + postgres.port() + " (" + temp + ")");
		return "A private PostgreSQL " + postgres.version() + " with default settings (except `max_connections=300`)";
	}

	/**
	 * The case group {@code virtual-threads}: both JVMs, every case on each in turn,
	 * round after round; then the pinned virtual threads of their recordings and the
	 * report, a new section at the top of {@code results/virtual-threads.md}.
	 */
	private int compareThreads(long started, String database) throws IOException {
		String title = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.format(Instant.ofEpochMilli(started).atOffset(ZoneOffset.UTC));
		List<String> names = ThreadsComparison.order(1);
		say("starting " + String.join(" and ", names) + " on " + this.virtualJdk.home());
		// The first migrates the schema and creates the admin; the second finds them.
		startApps(names.subList(0, 1), ThreadsComparison.CONFIGS::get);
		startApps(names.subList(1, 2), ThreadsComparison.CONFIGS::get);
		List<CaseResult> results = new ArrayList<>();
		List<String> loads = new ArrayList<>();
		int total = this.settings.rounds() * ThreadsComparison.round(this.settings, 1).size();
		for (int round = 1; round <= this.settings.rounds(); round++) {
			loads.add("round " + round + ": " + loadAverage());
			for (SweepCase sweepCase : ThreadsComparison.round(this.settings, round)) {
				double left = (total - results.size()) * sweepCase.seconds(this.settings);
				CaseResult result;
				try {
					result = runCase(sweepCase, results.size() + 1, total, started, left);
				}
				catch (IllegalStateException ex) {
					say("   " + ex.getMessage());
					Map<String, Object> failed = describe(sweepCase);
					failed.put("assertions", "run failed: " + ex.getMessage());
					result = new CaseResult(failed);
				}
				result.values().put("round", round);
				results.add(result);
			}
		}
		loads.add("end: " + loadAverage());
		double minutes = (System.currentTimeMillis() - started) / 60_000.0;
		// The JVMs write their recordings when they exit.
		stopAll();
		Map<String, String> pinned = new LinkedHashMap<>();
		for (String name : names) {
			pinned.put(name, pinned(name, results));
		}
		List<String> columns = new ArrayList<>(CaseResult.COLUMNS);
		columns.addAll(List.of("round", "window_start", "window_end"));
		Csv.write(this.raw.resolve("virtual-threads.csv"), columns, results.stream().map(CaseResult::values).toList());
		String setup = format("Runtime: %s for both JVMs, `%s`, the experiment jar with profile `slow-endpoints`, "
				+ "throttles lifted, access log at WARN; the only difference is `%s`. %s. Redis: %s. %d round(s), "
				+ "the JVMs alternating (platform first in odd rounds), %d s warm-up and %d s measured per case; "
				+ "Gatling on the same %d cores. Commit %s. %.1f minutes.", this.virtualJdk.description(),
				String.join(" ", ThreadsComparison.JVM_OPTIONS), Configurations.VIRTUAL, database, redis(),
				this.settings.rounds(), this.settings.warmup(), this.settings.duration(),
				Runtime.getRuntime().availableProcessors(), git("rev-parse", "--short", "HEAD"), minutes);
		String section = ThreadsComparison.report(results, new ThreadsComparison.Run(title, command(), setup, pinned,
				loads, this.root.relativize(this.raw).toString()));
		// A full run adds a section at the top of the committed results; a quick one
		// or one with its own RESULTS_DIR writes next to its raw files.
		Path report = (this.settings.quick() || !SweepSettings.env("RESULTS_DIR", "").isBlank())
				? this.out.resolve("virtual-threads.md")
				: this.root.resolve("load-tests/lab/results/virtual-threads.md");
		String earlier = Files.exists(report) ? "\n" + Files.readString(report) : "";
		Files.writeString(report, section + earlier);
		System.out.println(section);
		say(format("written: %s (%.1f min)", report, minutes));
		return 0;
	}

	private Path recording(String name) {
		return this.raw.resolve("apps/" + name + ".jfr");
	}

	/** The pinned virtual threads in a JVM's recording, described for the report. */
	private String pinned(String name, List<CaseResult> results) {
		Path recording = recording(name);
		if (!Files.exists(recording)) {
			return "no recording";
		}
		Path printed = this.raw.resolve("apps/" + name + ".pinned.json");
		try {
			Process process = new ProcessBuilder(this.virtualJdk.tool("jfr").toString(), "print", "--json", "--events",
					"jdk.VirtualThreadPinned", recording.toString())
				.redirectOutput(printed.toFile())
				.redirectError(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
			if (process.waitFor() != 0) {
				return "jfr print failed; see " + this.log;
			}
			List<PinnedEvents.Window> measured = results.stream()
				.filter(r -> name.equals(r.text("config")) && r.numberOrNull("window_start") != null)
				.map(r -> new PinnedEvents.Window(instant(r.number("window_start", 0)),
						instant(r.number("window_end", 0))))
				.toList();
			return PinnedEvents.describe(PinnedEvents.parse(Files.readString(printed)), measured);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	private static Instant instant(double epochSeconds) {
		return Instant.ofEpochMilli(Math.round(epochSeconds * 1000));
	}

	/** The command as run: the settings given in the environment, then the script. */
	private static String command() {
		List<String> given = new ArrayList<>();
		for (String name : List.of("QUICK", "ROUNDS", "DURATION", "WARMUP", "CRUD_USERS", "CHECKOUT_USERS",
				"SLOW_USERS", "QUERY_MS", "OVER_USERS", "OVER_QUERY_MS", "BASE_PORT", "SKIP_BUILD", "APP_JAR",
				"JAVA_VIRTUAL", "BENCH_JDBC_URL", "REDIS_HOST", "EXTRA_PROPERTIES")) {
			String value = System.getenv(name);
			if (value != null) {
				given.add(name + "=" + (value.contains(" ") || value.isEmpty() ? "\"" + value + "\"" : value));
			}
		}
		given.add("load-tests/lab/virtual-threads.sh");
		return String.join(" ", given);
	}

	private void startApps(List<String> names, Function<String, Map<String, String>> settingsOf) {
		List<AppInstance> starting = new ArrayList<>();
		for (String name : names) {
			int index = this.apps.size();
			Map<String, String> config = settingsOf.apply(name);
			// The thread comparison runs both JVMs on the same runtime, the one with
			// virtual threads.
			Jdks.Jdk jdk = (this.settings.comparingThreads() || "true".equals(config.get(Configurations.VIRTUAL)))
					? this.virtualJdk : this.platformJdk;
			Map<String, String> properties = new LinkedHashMap<>();
			int managementPort = this.settings.basePort() + 101 + index;
			properties.put("management.server.port", Integer.toString(managementPort));
			properties.put("spring.profiles.active", "slow-endpoints");
			properties.put("app.demo-data.enabled", "false");
			// The same key everywhere: tokens work on both instances.
			properties.put("app.jwt.secret", this.jwtSecret);
			// So that the mixed scenario refreshes during a run.
			properties.put("app.jwt.access-token-ttl", "60s");
			properties.put("app.bootstrap-admin.email", ADMIN_EMAIL);
			properties.put("app.bootstrap-admin.password", ADMIN_PASSWORD);
			// One client address registers and logs in hundreds of users: lift the
			// throttles.
			for (String throttle : List.of("app.auth.login-throttle.max-attempts",
					"app.auth.login-throttle.per-client.max-attempts",
					"app.auth.login-throttle.per-account.max-attempts", "app.auth.login-throttle.global.max-attempts",
					"app.auth.registration-throttle.max-attempts", "app.orders.max-pending-per-user")) {
				properties.put(throttle, "1000000");
			}
			properties.put("app.rate-limit.api.enabled", "false");
			// Tomcat's busy-thread gauge.
			properties.put("server.tomcat.mbeanregistry.enabled", "true");
			// No access-log line per request: the log would be the benchmark.
			properties.put("logging.level.access", "WARN");
			// Platform threads unless the configuration says otherwise, on any runtime:
			// on Java 24+
			// the service defaults to virtual threads (config/VirtualThreadsDefault).
			properties.put(Configurations.VIRTUAL, "false");
			properties.putAll(this.settings.extraProperties());
			properties.putAll(config);
			List<String> arguments = properties.entrySet()
				.stream()
				.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
				.toList();
			List<String> jvmOptions = List.of("-Xms512m", "-Xmx768m");
			if (this.settings.comparingThreads()) {
				// A flight recording of the whole run: pinned virtual threads (written
				// when the JVM exits).
				jvmOptions = new ArrayList<>(ThreadsComparison.JVM_OPTIONS);
				jvmOptions
					.add("-XX:StartFlightRecording=filename=" + recording(name) + ",settings=default,dumponexit=true");
			}
			AppInstance app = new AppInstance(name, jdk.java(), this.jar, jvmOptions, this.environment, arguments,
					this.raw.resolve("apps/" + name + ".log"), this.settings.basePort() + 1 + index, managementPort);
			this.apps.put(name, app);
			this.running.add(app);
			app.start();
			starting.add(app);
		}
		for (AppInstance app : starting) {
			app.awaitReady(Duration.ofMinutes(10));
		}
	}

	/**
	 * Two listeners: BASE_PORT + 80 in front of one instance, BASE_PORT + 81 in front of
	 * two.
	 */
	private void startNginx() {
		NginxServer nginx = new NginxServer(this.raw.resolve("nginx"), this.log, this.settings.basePort() + 80);
		nginx.start(NginxServer.resource("/sweep/nginx.conf.template"),
				Map.of("@PORT_ONE@", Integer.toString(this.settings.basePort() + 80), "@PORT_TWO@",
						Integer.toString(this.settings.basePort() + 81), "@FIRST@",
						Integer.toString(this.apps.get("platform-200").port()), "@SECOND@",
						Integer.toString(this.apps.get("second-instance").port())));
		this.running.add(nginx);
		say("nginx on ports " + (this.settings.basePort() + 80) + " (one instance) and "
				+ (this.settings.basePort() + 81) + " (two)");
	}

	private CaseResult runCase(SweepCase sweepCase, int index, int total, long started, double secondsLeft) {
		List<AppInstance> caseApps = sweepCase.apps().stream().map(this.apps::get).toList();
		String url = "http://127.0.0.1:"
				+ ((sweepCase.nginxPort() > 0) ? sweepCase.nginxPort() : caseApps.get(0).port());
		say(format("case %d of %d: %s (%s); %.1f min elapsed, about %.1f min left", index, total, sweepCase.id(),
				sweepCase.note(), (System.currentTimeMillis() - started) / 60_000.0, secondsLeft / 60));
		if (sweepCase.warmup()) {
			// Several instances: the others join cold (the first one is warm from
			// earlier cases), so warm them longer.
			Map<String, Object> warm = new LinkedHashMap<>(sweepCase.properties());
			warm.put("duration", this.settings.warmup() * ((caseApps.size() > 1) ? 3 : 1));
			if (warm.containsKey("users") && (sweepCase.simulation().equals("MixedCrudSimulation")
					|| sweepCase.simulation().equals("CheckoutSimulation"))) {
				// Logins cost Argon2 CPU; 50 users warm the JIT as well.
				warm.put("users", Math.min(Integer.parseInt(warm.get("users").toString()), 50));
			}
			if (sweepCase.simulation().equals("HotKeySimulation")) {
				warm.put("posts", 50);
			}
			warm.putAll(SweepCase.properties("thinkMinMs", 0, "thinkMaxMs", 0, "p99Ms", 1_000_000_000,
					"maxErrorPercent", 100, "smoke", "true"));
			runGatling(sweepCase.id(), sweepCase.simulation(), warm, url, false);
		}
		String loadBefore = loadAverage();
		ServerSampler sampler = new ServerSampler(caseApps);
		double t0 = System.currentTimeMillis() / 1000.0;
		String output;
		try {
			output = runGatling(sweepCase.id(), sweepCase.simulation(), sweepCase.properties(), url, true);
		}
		finally {
			sampler.close();
		}
		Map<String, Object> result = new LinkedHashMap<>(GatlingOutput.parse(output));
		// The steady window: the last `duration` seconds with traffic, less the ramp-up
		// and the last second (the one in which traffic stops). Set-up requests (logins,
		// seeded posts) come before it; a closed loop that drains its queue after the
		// users stop (one thread, 300 users) stays at full rate while it drains.
		List<Map<String, Object>> caseSamples = sampler.samples();
		List<Double> moving = new ArrayList<>();
		for (int i = 1; i < caseSamples.size(); i++) {
			if (value(caseSamples.get(i), "requests") - value(caseSamples.get(i - 1), "requests") > 0) {
				moving.add(value(caseSamples.get(i), "t"));
			}
		}
		double last = (moving.size() > 1) ? moving.get(moving.size() - 2) : t0;
		double windowStart = Math.max(last - sweepCase.duration(this.settings) + sweepCase.ramp() + 1,
				moving.isEmpty() ? t0 : moving.get(0));
		result.putAll(ServerSampler.summarize(caseSamples, windowStart, last));
		result.put("window_start", windowStart);
		result.put("window_end", last);
		result.putAll(describe(sweepCase));
		result.put("load_before", loadBefore);
		result.put("load_after", loadAverage());
		for (Map<String, Object> sample : caseSamples) {
			Map<String, Object> row = new LinkedHashMap<>(sample);
			row.put("case", sweepCase.id());
			this.samples.add(row);
		}
		CaseResult caseResult = new CaseResult(result);
		say(format("   %8.1f req/s (server %.1f), p50 %.0f ms, p99 %.0f ms, errors %.0f, assertions %s",
				caseResult.number("gatling_rps", 0), caseResult.number("server_rps", 0), caseResult.number("p50_ms", 0),
				caseResult.number("p99_ms", 0), caseResult.number("ko", 0), caseResult.text("assertions")));
		return caseResult;
	}

	private Map<String, Object> describe(SweepCase sweepCase) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("id", sweepCase.id());
		values.put("group", sweepCase.group());
		values.put("config", sweepCase.config());
		values.put("simulation", sweepCase.simulation());
		values.put("note", sweepCase.note());
		values.put("users", sweepCase.properties().get("users"));
		return values;
	}

	/**
	 * One Gatling run in a JVM of its own on this runner's class path; its console
	 * output.
	 */
	private String runGatling(String caseId, String simulation, Map<String, Object> properties, String baseUrl,
			boolean report) {
		Map<String, Object> all = new LinkedHashMap<>(properties);
		all.put("baseUrl", baseUrl);
		all.putIfAbsent("ramp", 1);
		List<String> command = new ArrayList<>(
				List.of(Jdks.current().java().toString(), "-Xms512m", "-Xmx1g", "-XX:+UseParallelGC",
						"--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path")));
		all.forEach((key, value) -> command.add("-D" + key + "=" + value));
		command.addAll(List.of("io.gatling.app.Gatling", "--simulation", "com.example.backend.load." + simulation,
				"--results-folder", this.raw.resolve("gatling/" + caseId).toString(), "--run-description", caseId));
		if (!report) {
			command.add("--no-reports");
		}
		Path output = this.raw.resolve("gatling/" + caseId + (report ? "" : ".warmup") + ".txt");
		try {
			Files.createDirectories(output.getParent());
			Process process = new ProcessBuilder(command).directory(this.root.resolve("load-tests").toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			this.running.add(process::destroyForcibly);
			int code = process.waitFor();
			this.running.removeLast();
			String text = Files.readString(output);
			// 2: an assertion failed (the simulations' own, reported, not the sweep's).
			if (text.contains("Run crashed") || text.contains("Simulation crashed") || (code != 0 && code != 2)) {
				throw new IllegalStateException("Gatling failed for " + caseId + " (exit " + code + "); see " + output);
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * APP_JAR when set; the experiment jar in target/experiment with SKIP_BUILD=1; else
	 * built first ({@code ./mvnw -Pexperiment package}, tests skipped by that profile).
	 */
	private Path jar() {
		String configured = SweepSettings.env("APP_JAR", "");
		if (!configured.isBlank()) {
			return Path.of(configured).toAbsolutePath();
		}
		if (!"1".equals(System.getenv("SKIP_BUILD")) || experimentJar() == null) {
			say("building the experiment jar");
			Commands.require(
					List.of(this.root.resolve("mvnw").toString(), "-B", "-q", "-f",
							this.root.resolve("pom.xml").toString(), "-Pexperiment", "package"),
					this.log, Duration.ofMinutes(20));
		}
		Path found = experimentJar();
		if (found == null) {
			throw new IllegalStateException("no experiment jar in target/experiment; see " + this.log);
		}
		return found;
	}

	private Path experimentJar() {
		try (Stream<Path> files = Files.list(this.root.resolve("target/experiment"))) {
			return files.filter(file -> file.getFileName().toString().endsWith("-experiment.jar"))
				.findFirst()
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private List<CaseResult> previousResults() {
		return Csv.read(this.out.resolve("results.csv")).stream().map(CaseResult::new).toList();
	}

	/** Cores, memory, kernel, JDKs, Gatling, load, Redis and commit, for the summary. */
	private String machine() {
		String model = firstMatch(Path.of("/proc/cpuinfo"), "(?m)^model name\\s*:\\s*(.+)$");
		String memory = firstMatch(Path.of("/proc/meminfo"), "(?m)^MemTotal:\\s+(\\d+) kB");
		Matcher gatling = Pattern.compile("gatling-app-([^" + java.io.File.pathSeparator + "/]+?)\\.jar")
			.matcher(System.getProperty("java.class.path"));
		return format(
				"Machine: %d cores%s, %s, %s %s; application on %s (virtual threads on %s); Gatling %s on the "
						+ "same machine. Load average when the sweep began: %s (every case's own load averages are in "
						+ "results.csv). Redis: %s. Commit %s.",
				Runtime.getRuntime().availableProcessors(), (model != null) ? " (" + model + ")" : "",
				(memory != null) ? (Long.parseLong(memory) / 1024 / 1024) + " GiB" : "memory unknown",
				System.getProperty("os.name"), System.getProperty("os.version"), this.platformJdk.description(),
				this.virtualJdk.description(), gatling.find() ? gatling.group(1) : "(version unknown)", loadAverage(),
				redis(), git("rev-parse", "--short", "HEAD"));
	}

	/** The Redis the applications use, for the reports. */
	private String redis() {
		return this.environment.containsKey("SPRING_DATA_REDIS_HOST")
				? this.environment.get("SPRING_DATA_REDIS_HOST") + ":" + this.environment.get("SPRING_DATA_REDIS_PORT")
						+ (System.getenv("REDIS_HOST") == null ? " (a private redis-server)" : "")
				: "none, in-process cache";
	}

	private static String firstMatch(Path file, String regex) {
		try {
			Matcher matcher = Pattern.compile(regex).matcher(Files.readString(file));
			return matcher.find() ? matcher.group(1).trim() : null;
		}
		catch (IOException ex) {
			return null;
		}
	}

	private String git(String... args) {
		List<String> command = new ArrayList<>(List.of("git", "-C", this.root.toString()));
		command.addAll(List.of(args));
		try {
			Process process = new ProcessBuilder(command).start();
			String text = new String(process.getInputStream().readAllBytes()).trim();
			process.waitFor();
			return text;
		}
		catch (IOException ex) {
			return "unknown";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

	private static String loadAverage() {
		try {
			return Stream.of(Files.readString(Path.of("/proc/loadavg")).split(" "))
				.limit(3)
				.map(value -> format("%.1f", Double.parseDouble(value)))
				.collect(Collectors.joining(" "));
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	static Map<String, CaseResult> byId(List<CaseResult> results) {
		Map<String, CaseResult> byId = new LinkedHashMap<>();
		results.forEach(result -> byId.put(result.id(), result));
		return byId;
	}

	private static double value(Map<String, Object> sample, String key) {
		Object value = sample.get(key);
		return (value instanceof Double number) ? number : 0;
	}

	/** Stops everything this run started, the last started first; safe to call twice. */
	private void stopAll() {
		this.running.closeAll();
	}

	private static String secret(int size) {
		return Base64.getEncoder().encodeToString(bytes(size));
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		new SecureRandom().nextBytes(bytes);
		return bytes;
	}

	private static void say(String message) {
		System.out.printf("[%tT] %s%n", System.currentTimeMillis(), message);
	}

}
