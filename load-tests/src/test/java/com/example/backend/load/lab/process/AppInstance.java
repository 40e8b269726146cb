package com.example.backend.load.lab.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One application JVM, {@code java -jar} of a jar with the arguments given (the chaos
 * runner: the production jar with profile {@code prod}, as a deployment runs it; the
 * sweep: the experiment jar); its actuator on a port of its own. The chaos runner's
 * faults send it SIGTERM (graceful drain, then a new start) or SIGSTOP/SIGCONT.
 */
public final class AppInstance implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path log;

	private final int port;

	private final int managementPort;

	private volatile Process process;

	private volatile boolean frozen;

	/** An instance on the JVM that runs this code. */
	public AppInstance(String name, Path jar, List<String> jvmOptions, Map<String, String> environment,
			List<String> arguments, Path log, int port, int managementPort) {
		this(name, Path.of(System.getProperty("java.home"), "bin", "java"), jar, jvmOptions, environment, arguments,
				log, port, managementPort);
	}

	/**
	 * An instance on the given {@code java} executable (the sweep runs its virtual-thread
	 * case on a newer JDK than the others).
	 */
	public AppInstance(String name, Path java, Path jar, List<String> jvmOptions, Map<String, String> environment,
			List<String> arguments, Path log, int port, int managementPort) {
		this.name = name;
		this.environment = environment;
		this.log = log;
		this.port = port;
		this.managementPort = managementPort;
		List<String> command = new ArrayList<>();
		command.add(java.toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		command.addAll(arguments);
		this.command = List.copyOf(command);
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean frozen() {
		return this.frozen;
	}

	public boolean alive() {
		return this.process != null && this.process.isAlive();
	}

	public void start() {
		try {
			ProcessBuilder builder = new ProcessBuilder(this.command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
			builder.environment().putAll(this.environment);
			builder.environment().put("MANAGEMENT_PORT", Integer.toString(this.managementPort));
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start " + this.name, ex);
		}
	}

	public void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited while starting; see " + this.log);
			}
			if (get("/actuator/health/readiness", Duration.ofSeconds(2)) != null) {
				return;
			}
			Commands.sleep(Duration.ofMillis(200));
		}
		throw new IllegalStateException(this.name + " not ready after " + timeout + "; see " + this.log);
	}

	/** SIGTERM, then waits for the graceful shutdown (in-flight requests finish). */
	public Duration terminate(Duration timeout) {
		long started = System.nanoTime();
		this.process.destroy();
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Duration.ofNanos(System.nanoTime() - started);
	}

	public void freeze() {
		this.frozen = true;
		Commands.signal(pid(), "STOP", this.log);
	}

	public void resume() {
		Commands.signal(pid(), "CONT", this.log);
		this.frozen = false;
	}

	/** The Prometheus scrape, or null when the instance does not answer in time. */
	public String prometheus() {
		return get("/actuator/prometheus", Duration.ofSeconds(3));
	}

	/**
	 * A full collection (System.gc through jcmd), so that the next scrape's live data
	 * size is the heap after GC. False when jcmd failed.
	 */
	public boolean collectGarbage() {
		return Commands.run(List.of("jcmd", Long.toString(pid()), "GC.run"), this.log, Duration.ofSeconds(15)) == 0;
	}

	private String get(String path, Duration timeout) {
		try {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path))
					.timeout(timeout)
					.build(), HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	@Override
	public void close() {
		if (alive()) {
			if (this.frozen) {
				resume();
			}
			terminate(Duration.ofSeconds(30));
		}
	}

}
