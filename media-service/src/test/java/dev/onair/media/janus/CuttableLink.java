package dev.onair.media.janus;

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
 * A loopback TCP forwarder to a Janus node whose link can be cut the way a failed host
 * cuts it: bytes stop flowing both ways but no connection is closed, so the WebSocket
 * sees no close event.
 */
public final class CuttableLink implements AutoCloseable {

	private final ServerSocket server;

	private final InetSocketAddress target;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile boolean cut;

	public CuttableLink(String host, int port) {
		this.target = new InetSocketAddress(host, port);
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread.ofPlatform().daemon().name("cuttable-link").start(this::accept);
	}

	public String url() {
		return "wss://127.0.0.1:" + this.server.getLocalPort();
	}

	/** From now on nothing gets through, and nothing is closed. */
	public void cut() {
		this.cut = true;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket();
				upstream.connect(this.target, 2000);
				this.sockets.add(client);
				this.sockets.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException ex) {
				// Closed, or the node refused: the client sees its connection fail.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread.ofPlatform().daemon().start(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					if (!this.cut) {
						out.write(buffer, 0, read);
						out.flush();
					}
				}
			}
			catch (IOException ex) {
				// One side closed; the other pump ends too.
			}
		});
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

}
