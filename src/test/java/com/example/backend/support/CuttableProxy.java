package com.example.backend.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of the test PostgreSQL that a test can cut, as a network failure
 * or a database crash would: {@link #cut()} drops every open connection and refuses new
 * ones; {@link #restore()} accepts again on the same port. The shared PostgreSQL itself
 * is never touched.
 */
public final class CuttableProxy implements AutoCloseable {

	private final String targetHost;

	private final int targetPort;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile ServerSocket server;

	private final int port;

	public CuttableProxy(String targetHost, int targetPort) {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		this.server = listen(0);
		this.port = this.server.getLocalPort();
		acceptLoop(this.server);
	}

	public int port() {
		return this.port;
	}

	public synchronized void cut() {
		closeQuietly(this.server);
		this.open.forEach(CuttableProxy::closeQuietly);
		this.open.clear();
	}

	public synchronized void restore() {
		if (this.server.isClosed()) {
			this.server = listen(this.port);
			acceptLoop(this.server);
		}
	}

	@Override
	public void close() {
		cut();
	}

	private static ServerSocket listen(int port) {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("127.0.0.1", port));
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void acceptLoop(ServerSocket listening) {
		daemon("cuttable-proxy-accept", () -> {
			while (!listening.isClosed()) {
				try {
					Socket client = listening.accept();
					Socket upstream = new Socket(this.targetHost, this.targetPort);
					this.open.add(client);
					this.open.add(upstream);
					pipe(client, upstream);
					pipe(upstream, client);
				}
				catch (IOException ex) {
					// closed by cut(), or the target refused: the client sees the drop
				}
			}
		});
	}

	private void pipe(Socket from, Socket to) {
		daemon("cuttable-proxy-pipe", () -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// a side went away
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		});
	}

	private static void daemon(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
