package com.example.backend.load.lab.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} on a spare port, keeping nothing on disk (as the
 * machine's own): a SIGKILL loses every cache entry and rate-limit bucket, as it would in
 * production. The shared Redis on 6379 is never touched.
 */
public final class RedisServer implements AutoCloseable {

	private final Path directory;

	private final Path log;

	private final int port;

	private Process process;

	public RedisServer(Path directory, Path log, int port) {
		this.directory = directory;
		this.log = log;
		this.port = port;
	}

	public int port() {
		return this.port;
	}

	public long pid() {
		return this.process.pid();
	}

	public void start() {
		try {
			this.process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.directory.toString()))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("redis-server is needed (apt-get install redis-server)", ex);
		}
		awaitPong(Duration.ofSeconds(20));
	}

	/** SIGKILL: the process dies at once, its data with it. */
	public void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public void awaitPong(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (pong()) {
				return;
			}
			Commands.sleep(Duration.ofMillis(50));
		}
		throw new IllegalStateException("Redis on port " + this.port + " does not answer PING; see " + this.log);
	}

	private boolean pong() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
			socket.setSoTimeout(500);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(7);
			return new String(answer, StandardCharsets.US_ASCII).startsWith("+PONG");
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		if (this.process != null && this.process.isAlive()) {
			Commands.run(List.of("kill", "-CONT", Long.toString(this.process.pid())), this.log, Duration.ofSeconds(5));
			kill();
		}
	}

}
