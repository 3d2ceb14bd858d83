package dev.onair.gateway;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A minimal TURN client (RFC 5766 Allocate with the long-term credential mechanism of RFC
 * 5389) to check credentials against the real coturn, the way a browser would use them.
 */
final class TurnAllocation {

	private static final int MAGIC_COOKIE = 0x2112A442;

	private static final int ALLOCATE = 0x0003;

	private static final int REFRESH = 0x0004;

	private static final int SUCCESS = 0x0100;

	private static final int USERNAME = 0x0006;

	private static final int MESSAGE_INTEGRITY = 0x0008;

	private static final int ERROR_CODE = 0x0009;

	private static final int LIFETIME = 0x000D;

	private static final int REALM = 0x0014;

	private static final int NONCE = 0x0015;

	private static final int REQUESTED_TRANSPORT = 0x0019;

	private static final int CREATE_PERMISSION = 0x0008;

	private static final int XOR_PEER_ADDRESS = 0x0012;

	private static final byte UDP = 17;

	private static final byte TCP = 6;

	private TurnAllocation() {
	}

	/**
	 * Tries to allocate a relay with the credentials.
	 * @return 200 when coturn allocated (the allocation is released again), else the TURN
	 * error code (401 for bad or expired credentials)
	 */
	static int allocate(String host, int port, String username, String password) throws IOException {
		return permissions(host, port, username, password, List.of()).get("allocation");
	}

	/**
	 * Allocates a UDP relay, then asks coturn for a permission to each peer (what a
	 * browser does before relaying to Janus's candidate).
	 * @return {@code allocation} and each peer address mapped to 200 or the TURN error
	 * code (403: the peer is forbidden)
	 */
	static Map<String, Integer> permissions(String host, int port, String username, String password, List<String> peers)
			throws IOException {
		try (DatagramSocket socket = new DatagramSocket()) {
			socket.setSoTimeout(2000);
			socket.connect(new InetSocketAddress(host, port));
			Exchange udp = (request) -> {
				socket.send(new DatagramPacket(request, request.length));
				byte[] buffer = new byte[2048];
				DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
				socket.receive(packet);
				return ByteBuffer.wrap(buffer, 0, packet.getLength());
			};
			Map<String, Integer> results = new LinkedHashMap<>();
			Credentials credentials = authenticate(udp, UDP, username, password);
			Map<Integer, byte[]> answer = udp.send(credentials.request(ALLOCATE, transport(UDP)));
			results.put("allocation", answer.containsKey(ERROR_CODE) ? errorCode(answer) : 200);
			if (answer.containsKey(ERROR_CODE)) {
				return results;
			}
			for (String peer : peers) {
				ByteArrayOutputStream permission = new ByteArrayOutputStream();
				attribute(permission, XOR_PEER_ADDRESS, xorAddress(peer));
				Map<Integer, byte[]> granted = udp
					.send(credentials.request(CREATE_PERMISSION, permission.toByteArray()));
				results.put(peer, granted.containsKey(ERROR_CODE) ? errorCode(granted) : 200);
			}
			ByteArrayOutputStream release = new ByteArrayOutputStream();
			attribute(release, LIFETIME, new byte[4]);
			udp.send(credentials.request(REFRESH, release.toByteArray()));
			return results;
		}
	}

	/**
	 * Asks for a TCP relay (RFC 6062) over a TCP connection to coturn.
	 * @return 200 when coturn allocated it, else the TURN error code (442: unsupported)
	 */
	static int allocateTcp(String host, int port, String username, String password) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 2000);
			socket.setSoTimeout(2000);
			DataInputStream in = new DataInputStream(socket.getInputStream());
			Exchange tcp = (request) -> {
				socket.getOutputStream().write(request);
				byte[] header = new byte[20];
				in.readFully(header);
				int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
				byte[] message = new byte[20 + length];
				System.arraycopy(header, 0, message, 0, 20);
				in.readFully(message, 20, length);
				return ByteBuffer.wrap(message);
			};
			Credentials credentials = authenticate(tcp, TCP, username, password);
			Map<Integer, byte[]> answer = tcp.send(credentials.request(ALLOCATE, transport(TCP)));
			return answer.containsKey(ERROR_CODE) ? errorCode(answer) : 200;
		}
	}

	private static Credentials authenticate(Exchange exchange, byte protocol, String username, String password)
			throws IOException {
		Map<Integer, byte[]> challenge = exchange.send(request(ALLOCATE, transport(protocol), null));
		String realm = new String(challenge.get(REALM), StandardCharsets.UTF_8);
		return new Credentials(username, realm, challenge.get(NONCE), md5(username + ":" + realm + ":" + password));
	}

	private static byte[] transport(byte protocol) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		attribute(out, REQUESTED_TRANSPORT, new byte[] { protocol, 0, 0, 0 });
		return out.toByteArray();
	}

	/** XOR-PEER-ADDRESS of an IPv4 peer, port 9 (the permission ignores the port). */
	private static byte[] xorAddress(String ipv4) throws IOException {
		byte[] address = InetAddress.getByName(ipv4).getAddress();
		ByteBuffer value = ByteBuffer.allocate(8)
			.put((byte) 0)
			.put((byte) 1)
			.putShort((short) (9 ^ (MAGIC_COOKIE >>> 16)));
		byte[] cookie = ByteBuffer.allocate(4).putInt(MAGIC_COOKIE).array();
		for (int i = 0; i < 4; i++) {
			value.put((byte) (address[i] ^ cookie[i]));
		}
		return value.array();
	}

	/** One request/response with coturn over UDP or TCP. */
	@FunctionalInterface
	private interface Exchange {

		ByteBuffer roundTrip(byte[] request) throws IOException;

		default Map<Integer, byte[]> send(byte[] request) throws IOException {
			return attributes(roundTrip(request));
		}

	}

	/** The long-term credential of one allocation. */
	private record Credentials(String username, String realm, byte[] nonce, byte[] key) {

		byte[] request(int type, byte[] attributes) {
			return TurnAllocation.request(type, auth(attributes, this.username, this.realm, this.nonce), this.key);
		}

	}

	private static byte[] auth(byte[] attributes, String username, String realm, byte[] nonce) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(attributes);
		attribute(out, USERNAME, username.getBytes(StandardCharsets.UTF_8));
		attribute(out, REALM, realm.getBytes(StandardCharsets.UTF_8));
		attribute(out, NONCE, nonce);
		return out.toByteArray();
	}

	private static byte[] request(int type, byte[] attributes, byte[] key) {
		byte[] transaction = new byte[12];
		ThreadLocalRandom.current().nextBytes(transaction);
		int integrityLength = (key != null) ? 24 : 0;
		ByteBuffer message = ByteBuffer.allocate(20 + attributes.length + integrityLength);
		message.putShort((short) type)
			.putShort((short) (attributes.length + integrityLength))
			.putInt(MAGIC_COOKIE)
			.put(transaction)
			.put(attributes);
		if (key != null) {
			// The HMAC covers the message up to the attribute, with the length already
			// counting it.
			byte[] signed = hmacSha1(key, message.array(), 20 + attributes.length);
			message.putShort((short) MESSAGE_INTEGRITY).putShort((short) 20).put(signed);
		}
		return message.array();
	}

	private static Map<Integer, byte[]> attributes(ByteBuffer response) {
		int type = response.getShort() & 0xFFFF;
		int length = response.getShort() & 0xFFFF;
		response.position(20);
		Map<Integer, byte[]> attributes = new HashMap<>();
		while (response.position() < 20 + length) {
			int attributeType = response.getShort() & 0xFFFF;
			int attributeLength = response.getShort() & 0xFFFF;
			byte[] value = new byte[attributeLength];
			response.get(value);
			response.position(response.position() + ((4 - attributeLength % 4) % 4));
			attributes.put(attributeType, value);
		}
		if ((type & 0x0110) == SUCCESS) {
			attributes.remove(ERROR_CODE);
		}
		return attributes;
	}

	private static int errorCode(Map<Integer, byte[]> attributes) {
		byte[] value = attributes.get(ERROR_CODE);
		return (value[2] & 0x07) * 100 + (value[3] & 0xFF);
	}

	private static void attribute(ByteArrayOutputStream out, int type, byte[] value) {
		out.write(type >> 8);
		out.write(type);
		out.write(value.length >> 8);
		out.write(value.length);
		out.writeBytes(value);
		for (int i = value.length; i % 4 != 0; i++) {
			out.write(0);
		}
	}

	private static byte[] md5(String text) {
		try {
			return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] hmacSha1(byte[] key, byte[] data, int length) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			mac.update(data, 0, length);
			return mac.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
