package com.example.backend.load.lab.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.example.backend.load.lab.process.AppInstance;
import com.example.backend.load.lab.process.Commands;
import com.example.backend.load.lab.process.NginxServer;
import com.example.backend.load.lab.process.PostgresServer;
import com.example.backend.load.lab.process.RedisServer;
import com.example.backend.load.lab.process.StartedResources;

/**
 * The fault-injection soak of issue 19: two instances of the production jar behind nginx
 * on one private PostgreSQL and one private Redis, the {@code ChaosDaySimulation} load
 * through nginx, the faults of a {@link FaultSchedule} injected while it runs, then the
 * {@link Ledger} against PostgreSQL and the {@link ChaosReport}. Run with
 * {@code load-tests/lab/chaos.sh} (see load-tests/lab/README.md); settings come from the
 * environment:
 * <ul>
 * <li>{@code CHAOS_MODE}: {@code short} (every fault once, about 4 minutes) or
 * {@code long} (every fault {@code CHAOS_CYCLES} times, default 3, one every
 * {@code CHAOS_SPACING} seconds, default 90: about 30 minutes);</li>
 * <li>{@code CHAOS_USERS} (30), {@code CHAOS_THINK_MIN_MS} / {@code CHAOS_THINK_MAX_MS}
 * (500 / 2000), {@code CHAOS_LATENCY_BOUND_MS} (5000: the machine is shared and noisy),
 * {@code CHAOS_GRACE_S} (10); {@code CHAOS_NGINX}: a variant of the proxy settings
 * ({@code src/test/resources/chaos/nginx-<variant>.conf.template});</li>
 * <li>{@code APP_JAR} (default: the newest {@code target/reference-backend-*.jar}, built
 * when there is none), {@code CHAOS_RESULTS} (default
 * {@code load-tests/lab/results/<date>/chaos-<mode>}).</li>
 * </ul>
 * Exits 1 when a ledger check fails.
 */
public final class ChaosRunner {

	private static final String ADMIN_EMAIL = "load-admin@load.test";

	/** Random per run: profile prod refuses short or template passwords. */
	private static final String ADMIN_PASSWORD = randomSecret(18);

	private final Path root;

	private final Path out;

	private final Path raw;

	private final Path log;

	private final FaultSchedule schedule;

	private final StartedResources running = new StartedResources();

	private ChaosRunner(Path root, FaultSchedule schedule) {
		this.root = root;
		this.schedule = schedule;
		String date = LocalDate.now(ZoneOffset.UTC).toString();
		// A run with another proxy configuration never overwrites the reference run's
		// results.
		String name = schedule.mode() + (env("CHAOS_NGINX", "").isEmpty() ? "" : "-nginx-" + env("CHAOS_NGINX", ""));
		this.out = Path
			.of(env("CHAOS_RESULTS", root.resolve("load-tests/lab/results/" + date + "/chaos-" + name).toString()));
		this.raw = root.resolve("load-tests/lab/results/raw/chaos-" + name + "-" + date);
		this.log = this.raw.resolve("runner-commands.log");
	}

	public static void main(String[] args) throws Exception {
		Path root = Path.of("").toAbsolutePath();
		if (Files.exists(root.resolve("../load-tests"))) {
			root = root.getParent();
		}
		FaultSchedule schedule = "long".equals(env("CHAOS_MODE", "short"))
				? FaultSchedule.longRun(Integer.parseInt(env("CHAOS_CYCLES", "3")),
						Duration.ofSeconds(Long.parseLong(env("CHAOS_SPACING", "90"))))
				: FaultSchedule.shortRun();
		ChaosRunner runner = new ChaosRunner(root, schedule);
		Runtime.getRuntime().addShutdownHook(new Thread(runner::stopAll));
		boolean passed;
		try {
			passed = runner.run();
		}
		finally {
			runner.stopAll();
		}
		System.exit(passed ? 0 : 1);
	}

	private boolean run() throws Exception {
		long began = System.currentTimeMillis();
		PostgresServer.deleteTree(this.raw);
		Files.createDirectories(this.raw.resolve("apps"));
		Path jar = jar();
		say("chaos run, mode " + this.schedule.mode() + ": " + this.schedule.faults().size() + " faults, jar " + jar);
		// Readable by the postgres user, who runs the private server when this runs as
		// root.
		Path temp = Files.createTempDirectory("chaos-run-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		this.running.add(() -> PostgresServer.deleteTree(temp));

		PostgresServer postgres = new PostgresServer(Files.createDirectories(temp.resolve("pg")), this.log,
				Commands.sparePort());
		postgres.initAndStart();
		this.running.add(postgres);
		postgres.createDatabase("chaos");
		say("private PostgreSQL on port " + postgres.port());
		RedisServer redis = new RedisServer(Files.createDirectories(temp.resolve("redis")),
				this.raw.resolve("redis.log"), Commands.sparePort());
		redis.start();
		this.running.add(redis);
		say("private Redis on port " + redis.port());

		List<AppInstance> instances = startInstances(jar, postgres, redis);
		NginxServer nginx = new NginxServer(this.raw.resolve("nginx"), this.log, Commands.sparePort());
		nginx.start(instances.stream().map(AppInstance::port).toList());
		this.running.add(nginx);
		say("nginx on port " + nginx.port() + " in front of " + instances.size() + " instances");

		Path answers = this.raw.resolve("answers.csv");
		Path products = this.raw.resolve("products.csv");
		Path started = this.raw.resolve("load-started");
		Path stop = this.raw.resolve("load-stop");
		Process gatling = startGatling(nginx.port(), answers, products, started, stop);
		this.running.add(gatling::destroyForcibly);
		long loadStart = awaitLoadStart(gatling, started);
		say("load started (set-up took " + (loadStart - began) / 1000 + " s since the runner began)");
		MetricsSampler sampler = new MetricsSampler(instances);
		sampler.start();
		this.running.add(sampler);

		List<FaultWindow> windows = injectFaults(new FaultInjector(postgres, redis, instances, this.log), loadStart);
		Commands.sleep(this.schedule.tail());
		Files.writeString(stop, "stop");
		if (!gatling.waitFor(3, TimeUnit.MINUTES)) {
			gatling.destroyForcibly();
			throw new IllegalStateException("Gatling did not stop; see " + this.raw.resolve("gatling.log"));
		}
		sampler.close();
		say("load stopped; Gatling exited with " + gatling.exitValue() + "; checking the ledger");

		List<Answer> seen = Answer.read(answers);
		Ledger ledger = new Ledger(seen, initialStock(products), windows,
				Duration.ofSeconds(Long.parseLong(env("CHAOS_GRACE_S", "10"))),
				Duration.ofMillis(Long.parseLong(env("CHAOS_LATENCY_BOUND_MS", "5000"))),
				loadStart + Ledger.WARM_UP.toMillis(), sampler.samples());
		List<Check> checks;
		try (Connection connection = postgres.connect("chaos")) {
			checks = ledger.check(connection);
		}
		List<String> header = header(began, loadStart, instances.size());
		new ChaosReport(this.out, loadStart, seen, windows, ledger).write(header, checks, sampler.samples(), answers);
		copyServerLogs(postgres);
		checks.forEach(check -> say((check.passed() ? "PASS " : "FAIL ") + check.name() + ": " + check.detail()));
		say("report: " + this.out.resolve("summary.md") + "; logs: " + this.raw);
		return checks.stream().allMatch(Check::passed);
	}

	private List<AppInstance> startInstances(Path jar, PostgresServer postgres, RedisServer redis) {
		Map<String, String> environment = new HashMap<>();
		environment.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl("chaos"));
		environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
		// Trust authentication ignores it, but profile prod wants a strong one.
		environment.put("SPRING_DATASOURCE_PASSWORD", randomSecret(18));
		// One key for both instances: a token issued by one is good on the other.
		environment.put("APP_JWT_SECRET", randomSecret(48));
		environment.put("APP_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
		environment.put("APP_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
		environment.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
		environment.put("SPRING_DATA_REDIS_PORT", Integer.toString(redis.port()));
		environment.put("APP_REDIS_KEY_PREFIX", "chaos:");
		List<String> arguments = List.of("--spring.profiles.active=prod",
				// Short-lived access tokens, so that clients refresh during the run.
				"--app.jwt.access-token-ttl=60s",
				// Every virtual user comes from one address, nginx's: lift the
				// per-address limits.
				"--app.auth.login-throttle.max-attempts=1000000",
				"--app.auth.login-throttle.per-client.max-attempts=1000000",
				"--app.auth.login-throttle.per-account.max-attempts=1000000",
				"--app.auth.login-throttle.global.max-attempts=1000000",
				"--app.auth.registration-throttle.max-attempts=1000000", "--app.rate-limit.api.enabled=false",
				// The users never pay: without this each would stop at 10 unpaid orders.
				"--app.orders.max-pending-per-user=1000000", "--logging.level.access=WARN");
		List<String> jvm = List.of("-Xms256m", "-Xmx512m");
		List<AppInstance> instances = new ArrayList<>();
		for (int i = 1; i <= 2; i++) {
			AppInstance instance = new AppInstance("app-" + i, jar, jvm, environment, arguments,
					this.raw.resolve("apps/app-" + i + ".log"), Commands.sparePort(), Commands.sparePort());
			instance.start();
			this.running.add(instance);
			// The first alone: it migrates the schema.
			instance.awaitReady(Duration.ofMinutes(5));
			say(instance.name() + " ready on port " + instance.port() + " (pid " + instance.pid() + ")");
			instances.add(instance);
		}
		return instances;
	}

	private Process startGatling(int port, Path answers, Path products, Path started, Path stop) throws IOException {
		long safety = this.schedule.plannedLength().plusMinutes(10).toSeconds();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms256m", "-Xmx768m",
						"--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
						"-DbaseUrl=http://127.0.0.1:" + port, "-Dusers=" + env("CHAOS_USERS", "30"), "-Dramp=10",
						"-Dduration=" + safety, "-DthinkMinMs=" + env("CHAOS_THINK_MIN_MS", "500"),
						"-DthinkMaxMs=" + env("CHAOS_THINK_MAX_MS", "2000"), "-DadminEmail=" + ADMIN_EMAIL,
						"-DadminPassword=" + ADMIN_PASSWORD, "-DanswersFile=" + answers, "-DproductsFile=" + products,
						"-DstartedFile=" + started, "-DstopFile=" + stop,
						// The careful client's timeout: it then backs off and retries
						// with the same key.
						"-Dgatling.http.requestTimeout=10000", "io.gatling.app.Gatling", "--simulation",
						"com.example.backend.load.ChaosDaySimulation", "--results-folder",
						this.raw.resolve("gatling").toString(), "--no-reports"));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.raw.resolve("gatling.log").toFile())
			.start();
	}

	private long awaitLoadStart(Process gatling, Path started) throws IOException {
		long deadline = System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
		while (!Files.exists(started) || Files.readString(started).isBlank()) {
			if (!gatling.isAlive() || System.currentTimeMillis() > deadline) {
				throw new IllegalStateException(
						"the simulation's set-up failed; see " + this.raw.resolve("gatling.log"));
			}
			Commands.sleep(Duration.ofMillis(200));
		}
		return Long.parseLong(Files.readString(started).trim());
	}

	private List<FaultWindow> injectFaults(FaultInjector injector, long loadStart) {
		List<FaultWindow> windows = new ArrayList<>();
		long earliest = loadStart;
		int number = 0;
		for (FaultSchedule.Planned planned : this.schedule.faults()) {
			long at = Math.max(loadStart + planned.offset().toMillis(), earliest);
			Commands.sleep(Duration.ofMillis(at - System.currentTimeMillis()));
			say(String.format("fault #%d %s at %.0f s", ++number, planned.fault().label(),
					(System.currentTimeMillis() - loadStart) / 1000.0));
			FaultWindow window = injector.inject(number, planned);
			say("  recovered after " + window.seconds() + " s: " + window.note());
			windows.add(window);
			earliest = window.recoveredMillis() + FaultSchedule.MIN_GAP.toMillis();
		}
		return windows;
	}

	private List<String> header(long began, long loadStart, int instances) {
		String commit = git("rev-parse", "--short", "HEAD");
		double minutes = (System.currentTimeMillis() - loadStart) / 60_000.0;
		return List.of(
				"# Chaos run (" + this.schedule.mode() + "), " + ChaosReport.isoNow(), "",
				"`" + (this.schedule.mode().equals("long") ? "CHAOS_MODE=long " : "")
						+ (env("CHAOS_NGINX", "").isEmpty() ? "" : "CHAOS_NGINX=" + env("CHAOS_NGINX", "") + " ")
						+ "load-tests/lab/chaos.sh`" + ": commit " + commit + ", " + instances
						+ " instances of the production jar (profile prod, " + "-Xmx512m) behind nginx ("
						+ (env("CHAOS_NGINX", "").isEmpty() ? "the compose scale profile's proxy settings"
								: "proxy settings nginx-" + env("CHAOS_NGINX", "") + ".conf.template")
						+ "), one private PostgreSQL and one private Redis.",
				String.format("Load %.1f minutes (set-up %.0f s before it), %s virtual users thinking %s-%s ms, "
						+ "client timeout 10 s. Machine: %d cores, load average at the end %s (shared with other "
						+ "engineers' builds: absolute figures are noisy).", minutes, (loadStart - began) / 1000.0,
						env("CHAOS_USERS", "30"), env("CHAOS_THINK_MIN_MS", "500"), env("CHAOS_THINK_MAX_MS", "2000"),
						Runtime.getRuntime().availableProcessors(), loadAverage()));
	}

	private void copyServerLogs(PostgresServer postgres) throws IOException {
		if (Files.exists(postgres.serverLog())) {
			Files.copy(postgres.serverLog(), this.raw.resolve("postgresql.log"),
					java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private Path jar() {
		String configured = System.getenv("APP_JAR");
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured).toAbsolutePath();
		}
		Path found = newestJar();
		if (found == null) {
			say("building the application jar (tests skipped)");
			Commands.require(
					List.of(this.root.resolve("mvnw").toString(), "-B", "-q", "-f",
							this.root.resolve("pom.xml").toString(), "-DskipTests", "package"),
					this.log, Duration.ofMinutes(20));
			found = newestJar();
		}
		return found;
	}

	private Path newestJar() {
		try (Stream<Path> files = Files.list(this.root.resolve("target"))) {
			return files.filter(file -> file.getFileName().toString().matches("reference-backend-.*\\.jar"))
				.max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private Map<Long, Integer> initialStock(Path products) throws IOException {
		Map<Long, Integer> stock = new HashMap<>();
		Files.readAllLines(products).stream().skip(1).filter(line -> !line.isBlank()).forEach(line -> {
			String[] fields = line.split(",");
			stock.put(Long.parseLong(fields[0]), Integer.parseInt(fields[2]));
		});
		return stock;
	}

	private String git(String... args) {
		try {
			List<String> command = new ArrayList<>(List.of("git", "-C", this.root.toString()));
			command.addAll(List.of(args));
			Process process = new ProcessBuilder(command).start();
			String text = new String(process.getInputStream().readAllBytes()).trim();
			process.waitFor();
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	private static String loadAverage() {
		try {
			return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** Stops everything this run started, the last started first; safe to call twice. */
	private void stopAll() {
		this.running.closeAll();
	}

	private static String randomSecret(int bytes) {
		byte[] secret = new byte[bytes];
		new SecureRandom().nextBytes(secret);
		return Base64.getEncoder().encodeToString(secret);
	}

	private static void say(String message) {
		System.out.printf("[%tT] %s%n", System.currentTimeMillis(), message);
	}

	private static String env(String name, String defaultValue) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? defaultValue : value;
	}

}
