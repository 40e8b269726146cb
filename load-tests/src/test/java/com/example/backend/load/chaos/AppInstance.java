package com.example.backend.load.chaos;

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
 * One application JVM, {@code java -jar} of the production jar with profile {@code prod},
 * as a deployment runs it; its actuator on a port of its own. Faults send it SIGTERM
 * (graceful drain, then a new start) or SIGSTOP/SIGCONT.
 */
final class AppInstance implements AutoCloseable {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path log;

	private final int port;

	private final int managementPort;

	private volatile Process process;

	private volatile boolean frozen;

	AppInstance(String name, Path jar, List<String> jvmOptions, Map<String, String> environment, List<String> arguments,
			Path log, int port, int managementPort) {
		this.name = name;
		this.environment = environment;
		this.log = log;
		this.port = port;
		this.managementPort = managementPort;
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		command.addAll(arguments);
		this.command = List.copyOf(command);
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	boolean frozen() {
		return this.frozen;
	}

	boolean alive() {
		return this.process != null && this.process.isAlive();
	}

	void start() {
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

	void awaitReady(Duration timeout) {
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
	Duration terminate(Duration timeout) {
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

	void freeze() {
		this.frozen = true;
		Commands.signal(pid(), "STOP", this.log);
	}

	void resume() {
		Commands.signal(pid(), "CONT", this.log);
		this.frozen = false;
	}

	/** The Prometheus scrape, or null when the instance does not answer in time. */
	String prometheus() {
		return get("/actuator/prometheus", Duration.ofSeconds(3));
	}

	/**
	 * A full collection (System.gc through jcmd), so that the next scrape's live data
	 * size is the heap after GC. False when jcmd failed.
	 */
	boolean collectGarbage() {
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
