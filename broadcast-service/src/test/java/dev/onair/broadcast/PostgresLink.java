package dev.onair.broadcast;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The service's way to PostgreSQL, through a loopback TCP forwarder that can be taken
 * down and brought back on the same port. Down, it is what the service sees while
 * PostgreSQL restarts or fails over: open connections are closed, new ones refused. The
 * shared PostgreSQL itself stays up for every other test.
 */
final class PostgresLink implements AutoCloseable {

	private final InetSocketAddress target;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private final int port;

	private volatile ServerSocket server;

	PostgresLink(String host, int port) {
		this.target = new InetSocketAddress(host, port);
		this.server = listen(0);
		this.port = this.server.getLocalPort();
		accept(this.server);
	}

	int port() {
		return this.port;
	}

	/** Closes every connection and refuses new ones. */
	synchronized void down() {
		closeAll();
	}

	/** Accepts connections again, on the same port. */
	synchronized void up() {
		if (this.server.isClosed()) {
			this.server = listen(this.port);
			accept(this.server);
		}
	}

	@Override
	public synchronized void close() {
		closeAll();
	}

	private void closeAll() {
		try {
			this.server.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.sockets.clear();
	}

	private static ServerSocket listen(int port) {
		try {
			ServerSocket server = new ServerSocket();
			server.setReuseAddress(true);
			server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void accept(ServerSocket server) {
		Thread.ofPlatform().daemon().name("postgres-link").start(() -> {
			while (!server.isClosed()) {
				try {
					Socket client = server.accept();
					Socket upstream = new Socket();
					upstream.connect(this.target, 2000);
					this.sockets.add(client);
					this.sockets.add(upstream);
					pump(client, upstream);
					pump(upstream, client);
				}
				catch (IOException ex) {
					// Taken down, or PostgreSQL refused: the client sees its connection
					// fail.
				}
			}
		});
	}

	private static void pump(Socket from, Socket to) {
		Thread.ofPlatform().daemon().name("postgres-link-pump").start(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// One side closed; the other pump ends too.
			}
		});
	}

}
