package dev.onair.media.rooms;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.onair.media.replies.MediaRefusal;

/**
 * The checks a publisher's SDP offer must pass before it reaches Janus, and the layers it
 * announces: VP8 video with rids {@code h} and {@code l} is 720p + 480p simulcast; VP8
 * video without them is one layer, reported as 720p (the source's resolution is not in
 * the SDP).
 */
record PublisherOffer(List<String> layers) {

	static PublisherOffer check(String sdp) {
		if (sdp == null || !sdp.startsWith("v=0") || !sdp.contains("\nm=")) {
			throw new MediaRefusal("media.sdp-invalid", "The offer is not an SDP session description");
		}
		boolean video = false;
		boolean vp8 = false;
		Set<String> rids = new HashSet<>();
		boolean inVideo = false;
		for (String line : sdp.split("\r?\n")) {
			if (line.startsWith("m=")) {
				String[] parts = line.substring(2).split(" ");
				inVideo = parts[0].equals("video") && parts.length > 1 && !parts[1].equals("0");
				video |= inVideo;
			}
			else if (inVideo && line.startsWith("a=rtpmap:") && line.toUpperCase().contains(" VP8/90000")) {
				vp8 = true;
			}
			else if (inVideo && line.startsWith("a=rid:")) {
				String[] rid = line.substring("a=rid:".length()).split(" ");
				if (rid.length > 1 && rid[1].equals("send")) {
					rids.add(rid[0]);
				}
			}
		}
		if (!video) {
			throw new MediaRefusal("media.video-required", "The offer has no video");
		}
		if (!vp8) {
			throw new MediaRefusal("media.codec-unsupported", "The offer's video must include VP8");
		}
		boolean simulcast = rids.contains("h") && rids.contains("l");
		return new PublisherOffer(simulcast ? List.of("720p", "480p") : List.of("720p"));
	}

}
