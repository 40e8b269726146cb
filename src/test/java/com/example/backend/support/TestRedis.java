package com.example.backend.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * The real Redis that integration tests run against, chosen like {@link TestPostgres} by
 * {@code TEST_SERVICES}: a container ({@value #IMAGE}) or a running server
 * ({@code TEST_REDIS_HOST}/{@code TEST_REDIS_PORT}, default 127.0.0.1:6379). The server
 * may be shared (other test runs, other applications), so every key this run writes
 * starts with its own {@link #keyPrefix()}; nothing is ever flushed. Every key is written
 * with a TTL, so a run leaves nothing behind for long. An unreachable Redis fails the
 * tests; they are never skipped.
 */
public final class TestRedis {

	static final String IMAGE = "redis:7.4-alpine";

	private static final Logger log = LoggerFactory.getLogger(TestRedis.class);

	private static Connection details;

	private TestRedis() {
	}

	public record Connection(String host, int port, String keyPrefix) {
	}

	public static synchronized Connection get() {
		if (details == null) {
			details = start();
		}
		return details;
	}

	private static Connection start() {
		String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ":";
		if (TestServices.useContainers()) {
			GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(6379);
			container.start();
			log.info("Integration tests use Redis in a container");
			return new Connection(container.getHost(), container.getMappedPort(6379), prefix);
		}
		String host = TestServices.setting("TEST_REDIS_HOST", "127.0.0.1");
		int port = Integer.parseInt(TestServices.setting("TEST_REDIS_PORT", "6379"));
		requirePong(host, port);
		log.info("Integration tests use local Redis {}:{}, keys prefixed {}", host, port, prefix);
		return new Connection(host, port, prefix);
	}

	/**
	 * PING over a plain socket: fail now, with a clear message, rather than fail open.
	 */
	public static void requirePong(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 2000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(7);
			if (!"+PONG\r\n".equals(new String(reply, StandardCharsets.US_ASCII))) {
				throw new IllegalStateException("Redis at " + host + ":" + port + " answered PING with "
						+ new String(reply, StandardCharsets.US_ASCII));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Test Redis at " + host + ":" + port
					+ " is unreachable. Start it, or set TEST_SERVICES=testcontainers where Docker is available.", ex);
		}
	}

}
