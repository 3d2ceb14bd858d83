package dev.onair.contract;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who sent a request, as every per-address limit counts it (broadcast-service's creation
 * limit, the gateways' and edge-web's connection and request limits): the connection's
 * peer, unless the peer is one of our proxies; then {@code X-Forwarded-For} read from the
 * right, skipping our proxies, and the first address that is not one of them is the
 * client. Entries further left were written by the client itself and are never believed
 * (edge-web strips the header from untrusted peers and appends the peer it saw).
 * <p>
 * IPv6 clients are keyed by their /64: one subscriber usually holds a whole /64, and
 * would otherwise have 2^64 fresh addresses to rotate through.
 */
public final class ClientAddresses {

	/** Only IP literals: anything else could make {@link InetAddress} ask DNS. */
	private static final Pattern IPV4 = Pattern
		.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}" + "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

	private final List<Cidr> proxies;

	/**
	 * @param proxies CIDR blocks of our proxies, whose {@code X-Forwarded-For} is read
	 */
	public ClientAddresses(List<String> proxies) {
		this.proxies = proxies.stream().map(Cidr::parse).toList();
	}

	/**
	 * The client of a request from {@code peer} carrying {@code forwardedFor}: the
	 * {@code X-Forwarded-For} entries in order, one address each (Spring's
	 * {@code HttpHeaders.getValuesAsList} splits the comma-separated lists); {@code null}
	 * when the peer is unknown.
	 */
	public InetAddress client(InetSocketAddress peer, List<String> forwardedFor) {
		InetAddress client = (peer != null) ? peer.getAddress() : null;
		if (client == null) {
			return null;
		}
		for (int i = forwardedFor.size() - 1; i >= 0 && isProxy(client); i--) {
			InetAddress hop = literal(forwardedFor.get(i));
			if (hop == null) {
				// Not written by a proxy of ours: the nearest proxy is all we know.
				break;
			}
			client = hop;
		}
		return client;
	}

	private boolean isProxy(InetAddress address) {
		return this.proxies.stream().anyMatch((cidr) -> cidr.contains(address));
	}

	/** The client's key: an IPv4 address or an IPv6 /64 prefix. */
	public static String key(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length == 4) {
			return address.getHostAddress();
		}
		StringBuilder prefix = new StringBuilder();
		for (int i = 0; i < 8; i += 2) {
			prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
		}
		return prefix.append(":/64").toString();
	}

	private static InetAddress literal(String text) {
		String trimmed = text.trim();
		if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
			trimmed = trimmed.substring(1, trimmed.length() - 1);
		}
		if (!IPV4.matcher(trimmed).matches() && !IPV6.matcher(trimmed).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(trimmed);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** An address block, e.g. {@code 10.244.0.0/16}. */
	public record Cidr(byte[] network, int bits) {

		public static Cidr parse(String text) {
			String[] parts = text.trim().split("/", 2);
			InetAddress address = literal(parts[0]);
			if (address == null) {
				throw new IllegalArgumentException("Not a CIDR block: " + text);
			}
			int max = address.getAddress().length * 8;
			int bits = (parts.length == 2) ? Integer.parseInt(parts[1]) : max;
			if (bits < 0 || bits > max) {
				throw new IllegalArgumentException("Not a CIDR block: " + text);
			}
			return new Cidr(address.getAddress(), bits);
		}

		public boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			for (int bit = 0; bit < this.bits; bit++) {
				int mask = 0x80 >>> (bit % 8);
				if ((candidate[bit / 8] & mask) != (this.network[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}
