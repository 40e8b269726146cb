package com.example.backend.load.lab.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Running short commands (pg_ctl, kill, jcmd) and finding spare ports. */
public final class Commands {

	/** The servers under test must never be the machine's shared ones. */
	private static final List<Integer> SHARED_PORTS = List.of(5432, 6379, 80, 8080, 9090);

	private Commands() {
	}

	/** Runs the command, its output appended to {@code log}; returns the exit code. */
	public static int run(List<String> command, Path log, Duration timeout) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				return -1;
			}
			return process.exitValue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted: " + String.join(" ", command), ex);
		}
	}

	/** Runs the command and fails unless it exits with 0. */
	public static void require(List<String> command, Path log, Duration timeout) {
		int code = run(command, log, timeout);
		if (code != 0) {
			throw new IllegalStateException(String.join(" ", command) + " exited with " + code + "; see " + log);
		}
	}

	/**
	 * Sends a signal ({@code STOP}, {@code CONT}, {@code KILL}, {@code TERM}) to a pid.
	 */
	public static void signal(long pid, String signal, Path log) {
		require(List.of("kill", "-" + signal, Long.toString(pid)), log, Duration.ofSeconds(10));
	}

	/**
	 * A port nothing listens on now, never one of the shared servers' ports. Another
	 * process could take it before it is used; the servers here bind at once.
	 */
	public static int sparePort() {
		for (int i = 0; i < 20; i++) {
			try (ServerSocket socket = new ServerSocket(0)) {
				int port = socket.getLocalPort();
				if (!SHARED_PORTS.contains(port)) {
					return port;
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		throw new IllegalStateException("no spare port");
	}

	/**
	 * Runs a command as the {@code postgres} user when this process is root (PostgreSQL
	 * refuses to run as root), as is otherwise.
	 */
	public static List<String> asPostgresUser(List<String> command) {
		if (!"root".equals(System.getProperty("user.name"))) {
			return command;
		}
		List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
		wrapped.addAll(command);
		return wrapped;
	}

	public static void sleep(Duration duration) {
		try {
			Thread.sleep(Math.max(0, duration.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
