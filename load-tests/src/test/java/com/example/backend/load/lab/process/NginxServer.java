package com.example.backend.load.lab.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * nginx (Debian package, installed when missing) in front of the instances, from a
 * template in src/test/resources ({@code chaos/nginx.conf.template},
 * {@code sweep/nginx.conf.template}); everything it writes stays in its directory, so the
 * system's nginx is never touched.
 */
public final class NginxServer implements AutoCloseable {

	private final Path directory;

	private final Path log;

	private final int port;

	public NginxServer(Path directory, Path log, int port) {
		this.directory = directory;
		this.log = log;
		this.port = port;
	}

	public int port() {
		return this.port;
	}

	/**
	 * The chaos runner's proxy: the compose profile's settings in front of two instances
	 * on {@link #port()}.
	 */
	public void start(List<Integer> upstreamPorts) {
		start(template(), Map.of("@PORT@", Integer.toString(this.port), "@FIRST@", upstreamPorts.get(0).toString(),
				"@SECOND@", upstreamPorts.get(1).toString()));
	}

	/**
	 * Starts nginx on a configuration made from {@code template} (its placeholders
	 * replaced by {@code values}; {@code @DIR@} is this server's directory).
	 */
	public void start(String template, Map<String, String> values) {
		installWhenMissing(this.log);
		String config = template.replace("@DIR@", this.directory.toString());
		for (Map.Entry<String, String> value : values.entrySet()) {
			config = config.replace(value.getKey(), value.getValue());
		}
		try {
			Files.createDirectories(this.directory);
			Files.writeString(this.directory.resolve("nginx.conf"), config);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Commands.require(List.of("nginx", "-p", this.directory.toString(), "-e",
				this.directory.resolve("error.log").toString(), "-c", this.directory.resolve("nginx.conf").toString()),
				this.log, Duration.ofSeconds(30));
	}

	@Override
	public void close() {
		Path pidFile = this.directory.resolve("nginx.pid");
		try {
			if (Files.exists(pidFile)) {
				Commands.run(List.of("kill", "-QUIT", Files.readString(pidFile).trim()), this.log,
						Duration.ofSeconds(10));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The compose profile's settings ({@code chaos/nginx.conf.template}), or the variant
	 * {@code chaos/nginx-<CHAOS_NGINX>.conf.template}, to try other proxy settings under
	 * the same faults.
	 */
	private static String template() {
		String variant = System.getenv("CHAOS_NGINX");
		return resource((variant == null || variant.isBlank()) ? "/chaos/nginx.conf.template"
				: "/chaos/nginx-" + variant + ".conf.template");
	}

	/** A template from src/test/resources. */
	public static String resource(String name) {
		try (InputStream in = NginxServer.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("no nginx template " + name + " in src/test/resources");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void installWhenMissing(Path log) {
		if (Commands.run(List.of("sh", "-c", "command -v nginx"), log, Duration.ofSeconds(10)) == 0) {
			return;
		}
		Commands
			.require(
					List.of("sh", "-c",
							"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx"
									+ " && { [ ! -f /run/nginx.pid ] || nginx -s quit; }"),
					log, Duration.ofMinutes(10));
	}

}
