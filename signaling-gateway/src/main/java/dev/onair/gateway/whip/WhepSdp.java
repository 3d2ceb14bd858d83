package dev.onair.gateway.whip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import dev.onair.contract.signal.IceCandidate;

/**
 * The two answers of a WHEP subscription. Janus's VideoRoom subscribers take Janus's
 * offer and answer it; a WHEP client sends an offer and wants an answer. Both sides have
 * offered, so each gets an answer written from the other's offer:
 * <ul>
 * <li>to the client, from Janus's offer: Janus's ICE credentials, fingerprint, candidates
 * and sending streams (SSRCs), in the client's media sections (its mids), as
 * {@code setup:passive};
 * <li>to Janus, from the client's offer: the client's ICE credentials, fingerprint and
 * candidates, in Janus's media sections (its mids), as {@code setup:active}.
 * </ul>
 * The DTLS roles agree (the client connects, Janus accepts); both ICE agents start
 * controlling, a conflict RFC 8445 resolves. No RTP header extensions on either side:
 * their ids differ between the offers and Janus writes its own, so the client tells the
 * streams apart by the SSRCs of Janus's offer. Janus sends the publisher's payload type
 * numbers, so a codec is usable only when the client's offer gives it the same number.
 */
final class WhepSdp {

	private WhepSdp() {
	}

	/**
	 * The answers to {@code clientOffer} and to {@code janusOffer}, whose candidates came
	 * trickled ({@code janusCandidates}).
	 * @throws IllegalArgumentException when they have no video in common
	 */
	static Answers answers(String clientOffer, String janusOffer, List<IceCandidate> janusCandidates) {
		Description client = Description.parse(clientOffer);
		Description janus = Description.parse(janusOffer);
		// Which section of Janus's offer feeds each of the client's, by kind and in
		// order.
		List<Section> unused = new ArrayList<>(janus.sections);
		List<Section> feeds = new ArrayList<>();
		for (Section wanted : client.sections) {
			Section feed = unused.stream()
				.filter((section) -> section.kind.equals(wanted.kind) && section.port != 0 && wanted.port != 0
						&& wanted.offersCodecOf(section))
				.findFirst()
				.orElse(null);
			unused.remove(feed);
			feeds.add(feed);
		}
		boolean video = false;
		for (int i = 0; i < feeds.size(); i++) {
			video |= feeds.get(i) != null && client.sections.get(i).kind.equals("video");
		}
		if (!video) {
			throw new IllegalArgumentException(
					"The offer receives no video in the broadcast's codec with the same payload type ("
							+ janus.videoCodecs() + ")");
		}
		List<String> janusCandidateLines = new ArrayList<>(janus.candidates);
		janusCandidates.forEach((candidate) -> janusCandidateLines.add(line(candidate.candidate())));

		StringBuilder toClient = header();
		List<String> clientMids = new ArrayList<>();
		for (int i = 0; i < feeds.size(); i++) {
			if (feeds.get(i) != null) {
				clientMids.add(client.sections.get(i).mid);
			}
		}
		toClient.append("a=group:BUNDLE ").append(String.join(" ", clientMids)).append("\r\n");
		toClient.append("a=msid-semantic: WMS *\r\n");
		boolean first = true;
		for (int i = 0; i < feeds.size(); i++) {
			Section wanted = client.sections.get(i);
			Section feed = feeds.get(i);
			if (feed == null) {
				rejected(toClient, wanted);
				continue;
			}
			int pt = feed.payloadType();
			toClient.append("m=").append(wanted.kind).append(" 9 UDP/TLS/RTP/SAVPF ").append(pt).append("\r\n");
			toClient.append("c=IN IP4 0.0.0.0\r\n");
			transport(toClient, janus, feed, "passive");
			toClient.append("a=mid:").append(wanted.mid).append("\r\n");
			toClient.append("a=sendonly\r\n");
			toClient.append("a=rtcp-mux\r\n");
			if (wanted.has("a=rtcp-rsize")) {
				toClient.append("a=rtcp-rsize\r\n");
			}
			codec(toClient, feed, pt);
			feed.attributes("a=msid:").forEach((msid) -> toClient.append(msid).append("\r\n"));
			String ssrc = feed.primarySsrc();
			if (ssrc != null) {
				feed.attributes("a=ssrc:" + ssrc + " ").forEach((line) -> toClient.append(line).append("\r\n"));
			}
			if (first) {
				janusCandidateLines.forEach((candidate) -> toClient.append(candidate).append("\r\n"));
				toClient.append("a=end-of-candidates\r\n");
				first = false;
			}
		}

		// The client's transport is its first answered section's: before the answer a
		// browser gathers one per section, and drops the others once BUNDLE is accepted
		// (Janus, controlling, nominated a dropped one's candidate and its DTLS went
		// nowhere).
		Section bundled = client.sections
			.get(feeds.indexOf(feeds.stream().filter((feed) -> feed != null).findFirst().orElseThrow()));
		StringBuilder toJanus = header();
		List<String> janusMids = new ArrayList<>();
		for (Section section : janus.sections) {
			if (feeds.contains(section)) {
				janusMids.add(section.mid);
			}
		}
		toJanus.append("a=group:BUNDLE ").append(String.join(" ", janusMids)).append("\r\n");
		first = true;
		for (Section section : janus.sections) {
			if (!feeds.contains(section)) {
				rejected(toJanus, section);
				continue;
			}
			Section wanted = client.sections.get(feeds.indexOf(section));
			int pt = section.payloadType();
			toJanus.append("m=").append(section.kind).append(" 9 UDP/TLS/RTP/SAVPF ").append(pt).append("\r\n");
			toJanus.append("c=IN IP4 0.0.0.0\r\n");
			transport(toJanus, client, wanted, "active");
			toJanus.append("a=mid:").append(section.mid).append("\r\n");
			toJanus.append("a=recvonly\r\n");
			toJanus.append("a=rtcp-mux\r\n");
			codec(toJanus, section, pt);
			if (first) {
				bundled.candidates.forEach((candidate) -> toJanus.append(candidate).append("\r\n"));
				if (client.candidatesEnded) {
					toJanus.append("a=end-of-candidates\r\n");
				}
				first = false;
			}
		}
		return new Answers(toClient.toString(), toJanus.toString(), janusMids.getFirst(), bundled.mid);
	}

	private static StringBuilder header() {
		long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
		return new StringBuilder(4096).append("v=0\r\n")
			.append("o=- ")
			.append(id)
			.append(" 2 IN IP4 127.0.0.1\r\n")
			.append("s=-\r\n")
			.append("t=0 0\r\n");
	}

	/** A section the other side offered that nothing answers: port 0 (RFC 3264). */
	private static void rejected(StringBuilder sdp, Section section) {
		sdp.append("m=").append(section.kind).append(" 0 ").append(section.protocol).append(' ');
		sdp.append(section.formats.isEmpty() ? "0" : section.formats.getFirst()).append("\r\n");
		sdp.append("c=IN IP4 0.0.0.0\r\n");
		if (section.mid != null) {
			sdp.append("a=mid:").append(section.mid).append("\r\n");
		}
		sdp.append("a=inactive\r\n");
	}

	/** ICE credentials and DTLS fingerprint of {@code from}, and our DTLS role. */
	private static void transport(StringBuilder sdp, Description from, Section section, String setup) {
		sdp.append("a=ice-ufrag:").append(from.value(section, "a=ice-ufrag:")).append("\r\n");
		sdp.append("a=ice-pwd:").append(from.value(section, "a=ice-pwd:")).append("\r\n");
		sdp.append("a=fingerprint:").append(from.value(section, "a=fingerprint:")).append("\r\n");
		sdp.append("a=setup:").append(setup).append("\r\n");
	}

	/**
	 * The codec as Janus offered it; transport-wide congestion control goes with the
	 * header extension neither answer keeps.
	 */
	private static void codec(StringBuilder sdp, Section feed, int pt) {
		feed.attributes("a=rtpmap:" + pt + " ").forEach((line) -> sdp.append(line).append("\r\n"));
		feed.attributes("a=fmtp:" + pt + " ").forEach((line) -> sdp.append(line).append("\r\n"));
		feed.attributes("a=rtcp-fb:" + pt + " ")
			.stream()
			.filter((line) -> !line.endsWith("transport-cc"))
			.forEach((line) -> sdp.append(line).append("\r\n"));
	}

	private static String line(String candidate) {
		return candidate.startsWith("a=") ? candidate : "a=" + candidate;
	}

	/**
	 * The client's answer, Janus's answer, the mid of Janus's first section (where the
	 * client's trickled candidates go) and the mid of the client's section whose
	 * transport the client keeps (only its candidates go).
	 */
	record Answers(String toClient, String toJanus, String janusMid, String clientMid) {

	}

	/** A session description as far as these answers read it. */
	private static final class Description {

		private final List<String> session = new ArrayList<>();

		private final List<Section> sections = new ArrayList<>();

		private final List<String> candidates = new ArrayList<>();

		private boolean candidatesEnded;

		static Description parse(String sdp) {
			Description description = new Description();
			Section current = null;
			for (String raw : sdp.split("\r\n|\n")) {
				String line = raw.strip();
				if (line.isEmpty()) {
					continue;
				}
				if (line.startsWith("m=")) {
					current = Section.of(line);
					description.sections.add(current);
				}
				else if (line.startsWith("a=candidate:")) {
					description.candidates.add(line);
					if (current != null) {
						current.candidates.add(line);
					}
				}
				else if (line.equals("a=end-of-candidates")) {
					description.candidatesEnded = true;
				}
				else if (current == null) {
					description.session.add(line);
				}
				else {
					current.lines.add(line);
					if (line.startsWith("a=mid:")) {
						current.mid = line.substring("a=mid:".length());
					}
				}
			}
			if (description.sections.isEmpty()) {
				throw new IllegalArgumentException("The description has no media sections");
			}
			for (Section section : description.sections) {
				if (section.mid == null) {
					throw new IllegalArgumentException("Every media section needs a=mid (BUNDLE)");
				}
			}
			return description;
		}

		/** An attribute of the section, else of the session. */
		String value(Section section, String prefix) {
			String value = first(section.lines, prefix);
			if (value == null) {
				value = first(this.session, prefix);
			}
			if (value == null) {
				throw new IllegalArgumentException(
						"The description has no " + prefix.substring(2, prefix.length() - 1));
			}
			return value;
		}

		String videoCodecs() {
			return this.sections.stream()
				.filter((section) -> section.kind.equals("video") && section.port != 0)
				.map((section) -> section.payloadType() + " " + section.codecName())
				.findFirst()
				.orElse("none");
		}

		private static String first(List<String> lines, String prefix) {
			return lines.stream()
				.filter((line) -> line.startsWith(prefix))
				.map((line) -> line.substring(prefix.length()).strip())
				.findFirst()
				.orElse(null);
		}

	}

	/** One media section. */
	private static final class Section {

		private final String kind;

		private final int port;

		private final String protocol;

		private final List<String> formats;

		private final List<String> lines = new ArrayList<>();

		private final List<String> candidates = new ArrayList<>();

		private String mid;

		private Section(String kind, int port, String protocol, List<String> formats) {
			this.kind = kind;
			this.port = port;
			this.protocol = protocol;
			this.formats = formats;
		}

		static Section of(String mLine) {
			String[] parts = mLine.substring(2).split(" ");
			if (parts.length < 3) {
				throw new IllegalArgumentException("Not a media line: " + mLine);
			}
			int port;
			try {
				port = Integer.parseInt(parts[1].split("/")[0]);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Not a media line: " + mLine);
			}
			List<String> formats = List.of(parts).subList(3, parts.length);
			return new Section(parts[0], port, parts[2], formats);
		}

		boolean has(String line) {
			return this.lines.contains(line);
		}

		List<String> attributes(String prefix) {
			return this.lines.stream().filter((line) -> line.startsWith(prefix)).toList();
		}

		/**
		 * The first payload type that is a codec (not retransmission, FEC or comfort
		 * noise).
		 */
		int payloadType() {
			for (String format : this.formats) {
				String name = codecName(format);
				if (name != null && !List.of("rtx", "red", "ulpfec", "flexfec-03", "cn", "telephone-event")
					.contains(name.toLowerCase(Locale.ROOT))) {
					return Integer.parseInt(format);
				}
			}
			throw new IllegalArgumentException("The " + this.kind + " section has no codec");
		}

		String codecName() {
			return codecName(String.valueOf(payloadType()));
		}

		/** The encoding name of {@code format} ({@code VP8}), or {@code null}. */
		private String codecName(String format) {
			return attributes("a=rtpmap:" + format + " ").stream()
				.map((line) -> line.substring(line.indexOf(' ') + 1).split("/")[0])
				.findFirst()
				.orElse(null);
		}

		/**
		 * Whether this section of the client's offer has {@code feed}'s codec under
		 * Janus's number: Janus sends the publisher's numbers and rewrites none (answered
		 * with the client's own number for the codec, Janus takes it and nothing
		 * decodes).
		 */
		boolean offersCodecOf(Section feed) {
			String pt = String.valueOf(feed.payloadType());
			return this.formats.contains(pt) && feed.codecName().equalsIgnoreCase(codecName(pt));
		}

		/**
		 * The SSRC Janus sends the media with: the first of an {@code ssrc-group} (the
		 * second is retransmission, not kept), else the first announced.
		 */
		String primarySsrc() {
			for (String line : this.lines) {
				if (line.startsWith("a=ssrc-group:")) {
					String[] parts = line.split(" ");
					if (parts.length > 1) {
						return parts[1];
					}
				}
			}
			return this.lines.stream()
				.filter((line) -> line.startsWith("a=ssrc:"))
				.map((line) -> line.substring("a=ssrc:".length()).split(" ")[0])
				.findFirst()
				.orElse(null);
		}

	}

}
