package dev.onair.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
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

	private TurnAllocation() {
	}

	/**
	 * Tries to allocate a relay with the credentials.
	 * @return 200 when coturn allocated (the allocation is released again), else the TURN
	 * error code (401 for bad or expired credentials)
	 */
	static int allocate(String host, int port, String username, String password) throws IOException {
		try (DatagramSocket socket = new DatagramSocket()) {
			socket.setSoTimeout(2000);
			socket.connect(new InetSocketAddress(host, port));
			Map<Integer, byte[]> challenge = exchange(socket, request(ALLOCATE, transport(), null));
			String realm = new String(challenge.get(REALM), StandardCharsets.UTF_8);
			byte[] nonce = challenge.get(NONCE);
			byte[] key = md5(username + ":" + realm + ":" + password);
			Map<Integer, byte[]> answer = exchange(socket,
					request(ALLOCATE, auth(transport(), username, realm, nonce), key));
			if (answer.containsKey(ERROR_CODE)) {
				return errorCode(answer);
			}
			ByteArrayOutputStream release = new ByteArrayOutputStream();
			attribute(release, LIFETIME, new byte[4]);
			exchange(socket, request(REFRESH, auth(release.toByteArray(), username, realm, nonce), key));
			return 200;
		}
	}

	private static byte[] transport() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		attribute(out, REQUESTED_TRANSPORT, new byte[] { 17, 0, 0, 0 });
		return out.toByteArray();
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

	private static Map<Integer, byte[]> exchange(DatagramSocket socket, byte[] request) throws IOException {
		socket.send(new DatagramPacket(request, request.length));
		byte[] buffer = new byte[2048];
		DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
		socket.receive(packet);
		ByteBuffer response = ByteBuffer.wrap(buffer, 0, packet.getLength());
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
