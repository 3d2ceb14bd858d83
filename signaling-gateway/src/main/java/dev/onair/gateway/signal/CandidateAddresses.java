package dev.onair.gateway.signal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.system.GatewayProperties;
import io.netty.util.NetUtil;

import org.springframework.stereotype.Component;

/**
 * Which ICE candidates a client may hand to Janus. Janus sends connectivity checks to
 * every candidate address it is given, so a candidate naming loopback, link-local (cloud
 * metadata at 169.254.169.254), multicast or a configured internal network would make
 * Janus probe the inside of the deployment on a stranger's behalf. Addresses are parsed
 * as literals only (never resolved: that would be a DNS query chosen by the client); the
 * only names allowed are mDNS {@code .local} ones, which Janus ignores.
 */
@Component
class CandidateAddresses {

	/** Real candidate lines are about 100 characters. */
	static final int MAX_CANDIDATE = 512;

	/** Browser and OBS offers with simulcast are 5–10 KiB. */
	static final int MAX_SDP = 32 * 1024;

	private final List<Network> denied;

	CandidateAddresses(GatewayProperties properties) {
		this.denied = properties.ice().deniedNetworks().stream().map(Network::parse).toList();
	}

	/**
	 * Checks one trickled candidate ({@code candidate:...} or {@code a=candidate:...});
	 * an empty one marks the end of a generation.
	 */
	void checkCandidate(String line) {
		if (line.isEmpty()) {
			return;
		}
		if (line.length() > MAX_CANDIDATE) {
			throw new Refusal("field.invalid", "ice candidate is longer than " + MAX_CANDIDATE + " characters");
		}
		String[] fields = line.split(" ");
		if (!fields[0].startsWith("candidate:") && !fields[0].startsWith("a=candidate:") || fields.length < 8) {
			throw new Refusal("field.invalid", "ice candidate must be an SDP candidate attribute (candidate:...)");
		}
		checkAddress(fields[4]);
	}

	/** Checks an SDP's size and every candidate in it. */
	void checkSdp(String sdp) {
		if (sdp.length() > MAX_SDP) {
			throw new Refusal("field.invalid", "sdp is longer than " + MAX_SDP + " characters");
		}
		if (!sdp.startsWith("v=0")) {
			throw new Refusal("field.invalid", "sdp must be a session description starting with v=0");
		}
		sdp.lines().filter((line) -> line.startsWith("a=candidate:")).forEach(this::checkCandidate);
	}

	private void checkAddress(String address) {
		byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
		if (bytes == null) {
			if (!address.toLowerCase(Locale.ROOT).endsWith(".local")) {
				throw new Refusal("field.invalid", "ice candidate address must be an IP address or an mDNS name");
			}
			return;
		}
		InetAddress ip = literal(bytes);
		if (ip.isLoopbackAddress() || ip.isLinkLocalAddress() || ip.isAnyLocalAddress() || ip.isMulticastAddress()
				|| this.denied.stream().anyMatch((network) -> network.contains(bytes))) {
			throw new Refusal("ice.address-denied", "ice candidate address " + address + " is not reachable for media");
		}
	}

	private static InetAddress literal(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("Netty parsed an address of " + bytes.length + " bytes", ex);
		}
	}

	/** An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}. */
	record Network(byte[] prefix, int bits) {

		static Network parse(String cidr) {
			int slash = cidr.indexOf('/');
			byte[] prefix = (slash > 0) ? NetUtil.createByteArrayFromIpAddressString(cidr.substring(0, slash)) : null;
			if (prefix == null) {
				throw new IllegalArgumentException("Not a network in CIDR notation: " + cidr);
			}
			int bits = Integer.parseInt(cidr.substring(slash + 1));
			if (bits < 0 || bits > prefix.length * 8) {
				throw new IllegalArgumentException("Prefix length out of range: " + cidr);
			}
			return new Network(prefix, bits);
		}

		boolean contains(byte[] address) {
			if (address.length != this.prefix.length) {
				return false;
			}
			for (int bit = 0; bit < this.bits; bit++) {
				int mask = 0x80 >>> (bit % 8);
				if ((address[bit / 8] & mask) != (this.prefix[bit / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}
