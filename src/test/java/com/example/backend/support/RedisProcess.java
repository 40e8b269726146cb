package com.example.backend.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A private {@code redis-server} that a test starts, kills, pauses and restarts, to play
 * a Redis outage without touching the shared one. Needs the {@code redis-server} binary
 * ({@code TEST_REDIS_SERVER}, default on the PATH); without it the test fails.
 */
public final class RedisProcess implements AutoCloseable {

	private final int port;

	private Process process;

	public RedisProcess() {
		this.port = freePort();
		start();
	}

	/** Answers PING (not killed, not paused). */
	public boolean isUp() {
		try {
			TestRedis.requirePong("127.0.0.1", this.port);
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	public int port() {
		return this.port;
	}

	public synchronized void start() {
		String binary = TestServices.setting("TEST_REDIS_SERVER", "redis-server");
		try {
			this.process = new ProcessBuilder(binary, "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(new File(System.getProperty("java.io.tmpdir"), "redis-outage-" + this.port + ".log"))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start " + binary + " (set TEST_REDIS_SERVER)", ex);
		}
		Process started = this.process;
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.alias("redis-server answering on port " + this.port)
			.until(() -> {
				if (!started.isAlive()) {
					throw new IllegalStateException("redis-server exited before answering on port " + this.port);
				}
				return answers(this.port);
			});
	}

	/** SIGKILL: connections drop, data is gone. */
	public synchronized void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** SIGSTOP: connections stay open but nothing answers (a hung server). */
	public void pause() {
		signal("STOP");
	}

	public void resume() {
		signal("CONT");
	}

	@Override
	public void close() {
		if (this.process != null && this.process.isAlive()) {
			resume();
			kill();
		}
	}

	private void signal(String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).start().waitFor();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean answers(int port) {
		try {
			TestRedis.requirePong("127.0.0.1", port);
			return true;
		}
		catch (IllegalStateException notYet) {
			return false;
		}
	}

}
