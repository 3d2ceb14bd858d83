package dev.onair.gateway.whip;

import java.util.ArrayList;
import java.util.List;

import dev.onair.contract.signal.IceCandidate;

/**
 * The little SDP that WHIP needs read or written outside Janus and media-service: the
 * offer's ICE credentials, trickle fragments (RFC 8840) and Janus's candidates put into
 * its answer, since a WHIP client learns the server's candidates from the answer only.
 */
final class WhipSdp {

	/** As for a {@code publish} frame: browser and OBS offers are 2–10 KiB. */
	static final int MAX_OFFER = 32 * 1024;

	/** A fragment holds a few candidates of about 100 characters each. */
	static final int MAX_FRAGMENT = 8 * 1024;

	/**
	 * A host has a few addresses, each with a host, a reflexive and a relay candidate.
	 */
	static final int MAX_CANDIDATES = 32;

	private WhipSdp() {
	}

	/** The first {@code a=ice-ufrag} of a description or fragment, or {@code null}. */
	static String iceUfrag(String sdp) {
		return sdp.lines()
			.filter((line) -> line.startsWith("a=ice-ufrag:"))
			.map((line) -> line.substring("a=ice-ufrag:".length()).strip())
			.findFirst()
			.orElse(null);
	}

	static boolean hasVideo(String sdp) {
		return sdp.lines().anyMatch((line) -> line.startsWith("m=video ") && !line.startsWith("m=video 0 "));
	}

	/**
	 * A trickle fragment's candidates, each with the mid of its media section;
	 * {@code ended} when it carries {@code a=end-of-candidates}.
	 * @throws IllegalArgumentException when it is none or holds too many candidates
	 */
	static Fragment fragment(String body) {
		String ufrag = null;
		boolean ended = false;
		List<String> lines = body.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
		List<Section> sections = new ArrayList<>();
		Section session = new Section(-1);
		Section current = session;
		for (String line : lines) {
			if (line.startsWith("m=")) {
				current = new Section(sections.size());
				sections.add(current);
			}
			else if (line.startsWith("a=mid:")) {
				current.mid = line.substring("a=mid:".length()).strip();
			}
			else if (line.startsWith("a=ice-ufrag:")) {
				ufrag = line.substring("a=ice-ufrag:".length()).strip();
			}
			else if (line.startsWith("a=candidate:")) {
				current.candidates.add(line.substring("a=".length()));
			}
			else if (line.equals("a=end-of-candidates")) {
				ended = true;
			}
			else if (!line.startsWith("a=")) {
				throw new IllegalArgumentException("Not a trickle ICE fragment (RFC 8840): " + abbreviated(line));
			}
		}
		if (!session.candidates.isEmpty()) {
			throw new IllegalArgumentException("Candidates must follow the m= line of their media section");
		}
		List<IceCandidate> candidates = new ArrayList<>();
		for (Section section : sections) {
			for (String candidate : section.candidates) {
				candidates.add(new IceCandidate(candidate, section.mid, section.index));
			}
		}
		if (candidates.size() > MAX_CANDIDATES) {
			throw new IllegalArgumentException("At most " + MAX_CANDIDATES + " candidates per request");
		}
		return new Fragment(ufrag, List.copyOf(candidates), ended);
	}

	/**
	 * {@code answer} with {@code candidates} added to their media sections (by mid, else
	 * by index) and, when {@code complete}, {@code a=end-of-candidates} in each section.
	 */
	static String withCandidates(String answer, List<IceCandidate> candidates, boolean complete) {
		StringBuilder sdp = new StringBuilder(answer.length() + 120 * candidates.size());
		int index = -1;
		String mid = null;
		boolean ended = false;
		for (String line : answer.split("\r\n|\n")) {
			if (line.isEmpty()) {
				continue;
			}
			if (line.startsWith("m=")) {
				if (index >= 0) {
					appendSection(sdp, candidates, index, mid, complete && !ended);
				}
				index++;
				mid = null;
				ended = false;
			}
			else if (line.startsWith("a=mid:")) {
				mid = line.substring("a=mid:".length()).strip();
			}
			else if (line.equals("a=end-of-candidates")) {
				ended = true;
			}
			sdp.append(line).append("\r\n");
		}
		if (index >= 0) {
			appendSection(sdp, candidates, index, mid, complete && !ended);
		}
		return sdp.toString();
	}

	private static void appendSection(StringBuilder sdp, List<IceCandidate> candidates, int index, String mid,
			boolean end) {
		for (IceCandidate candidate : candidates) {
			boolean here = (candidate.sdpMid() != null) ? candidate.sdpMid().equals(mid)
					: candidate.sdpMLineIndex() != null && candidate.sdpMLineIndex() == index;
			if (here) {
				String line = candidate.candidate();
				sdp.append(line.startsWith("a=") ? line : "a=" + line).append("\r\n");
			}
		}
		if (end) {
			sdp.append("a=end-of-candidates\r\n");
		}
	}

	private static String abbreviated(String line) {
		return (line.length() > 40) ? line.substring(0, 40) + "…" : line;
	}

	/** What a PATCH brings: the ICE username fragment, candidates, and their end. */
	record Fragment(String ufrag, List<IceCandidate> candidates, boolean ended) {

	}

	private static final class Section {

		private final int index;

		private final List<String> candidates = new ArrayList<>();

		private String mid;

		Section(int index) {
			this.index = index;
		}

	}

}
