package com.example.backend.load.lab.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A private PostgreSQL (initdb and pg_ctl of the newest server under
 * {@code /usr/lib/postgresql}) on a spare port, its data under a temporary directory.
 * Faults stop and restart it; the shared server on 5432 is never touched.
 */
public final class PostgresServer implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private final Path bin;

	private final Path directory;

	private final Path log;

	private final int port;

	private final int maxConnections;

	public PostgresServer(Path directory, Path log, int port) {
		this(directory, log, port, 100);
	}

	/**
	 * A server that allows {@code maxConnections} (the sweep's largest pool is 50
	 * connections, next to the other JVMs' pools).
	 */
	public PostgresServer(Path directory, Path log, int port, int maxConnections) {
		this.bin = newestServer();
		this.directory = directory;
		this.log = log;
		this.port = port;
		this.maxConnections = maxConnections;
	}

	/** The server's version, e.g. {@code 15.14}. */
	public String version() {
		try {
			Process process = new ProcessBuilder(this.bin.resolve("postgres").toString(), "--version").start();
			String text = new String(process.getInputStream().readAllBytes()).trim();
			process.waitFor();
			// "postgres (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)"
			Matcher matcher = Pattern.compile("\\(PostgreSQL\\) (\\S+)").matcher(text);
			return matcher.find() ? matcher.group(1) : text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

	public int port() {
		return this.port;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	public void initAndStart() {
		Commands.require(List.of("chown", "postgres", this.directory.toString()), this.log, TIMEOUT);
		Commands.require(Commands.asPostgresUser(List.of(this.bin.resolve("initdb").toString(), "-D", data(), "-A",
				"trust", "-U", "postgres", "--no-sync")), this.log, TIMEOUT);
		start();
	}

	public void start() {
		Commands.require(
				Commands.asPostgresUser(List.of(this.bin.resolve("pg_ctl").toString(), "-D", data(), "-l",
						this.directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
						"-p " + this.port + " -k " + this.directory
								+ " -c listen_addresses=127.0.0.1 -c max_connections=" + this.maxConnections,
						"start")),
				this.log, TIMEOUT);
	}

	/** {@code pg_ctl stop -m fast}: open transactions are rolled back, clients cut. */
	public void stopFast() {
		Commands.require(
				Commands.asPostgresUser(
						List.of(this.bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop")),
				this.log, TIMEOUT);
	}

	public void createDatabase(String name) {
		try (Connection connection = connect("postgres")) {
			connection.createStatement().execute("create database " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("create database " + name, ex);
		}
	}

	public Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
	}

	/** The server's own log, for the report's raw files. */
	public Path serverLog() {
		return this.directory.resolve("server.log");
	}

	@Override
	public void close() {
		Commands.run(
				Commands.asPostgresUser(
						List.of(this.bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop")),
				this.log, TIMEOUT);
		deleteTree(this.directory.resolve("data"));
	}

	private String data() {
		return this.directory.resolve("data").toString();
	}

	private static Path newestServer() {
		try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
			return versions.map(version -> version.resolve("bin"))
				.filter(bin -> Files.isExecutable(bin.resolve("pg_ctl")))
				.max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
				.orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries in /usr/lib/postgresql"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL's server binaries are needed (/usr/lib/postgresql/*/bin)", ex);
		}
	}

	public static void deleteTree(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
