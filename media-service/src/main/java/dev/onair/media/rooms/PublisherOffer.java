package dev.onair.media.rooms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.onair.contract.signal.MediaError;
import dev.onair.contract.ws.Quality;
import dev.onair.media.janus.Track;
import dev.onair.media.replies.MediaRefusal;

/**
 * The checks a publisher's SDP offer must pass before it reaches Janus, its m-lines in
 * order (what an edge node's remote publisher must mirror), and the layers it announces.
 * <p>
 * Video must include VP8 or H.264; Janus takes VP8 when both are offered (the room's
 * order, {@code VideoRoom.VIDEO_CODECS}), so the browser studio publishes VP8 and OBS
 * (H.264 only) H.264. VP8 with rids {@code h} and {@code l} is 720p + 480p simulcast;
 * anything else is one layer, reported as 720p (the source's resolution is not in the
 * SDP). H.264 simulcast is taken as one layer too: an H.264 simulcast encoder has one
 * encoder per layer, and Janus 1.1.2 sends every keyframe request to the first layer
 * only, so a viewer switching to the other would wait for that encoder's own next
 * keyframe. Janus still receives every layer (and an edge is told so) and sends each
 * viewer the highest.
 */
record PublisherOffer(List<String> layers, List<Track> tracks) {

	static PublisherOffer check(String sdp) {
		if (sdp == null || !sdp.startsWith("v=0") || !sdp.contains("\nm=")) {
			throw new MediaRefusal(MediaError.SDP_INVALID, "The offer is not an SDP session description");
		}
		boolean video = false;
		boolean vp8 = false;
		boolean h264 = false;
		Set<String> rids = new HashSet<>();
		boolean inVideo = false;
		List<String[]> mlines = new ArrayList<>();
		for (String line : sdp.split("\r?\n")) {
			if (line.startsWith("m=")) {
				String[] parts = line.substring(2).split(" ");
				inVideo = parts[0].equals("video") && parts.length > 1 && !parts[1].equals("0");
				video |= inVideo;
				mlines.add(new String[] { parts[0], (parts.length > 1 && !parts[1].equals("0")) ? "on" : "off", null });
			}
			else if (line.startsWith("a=mid:") && !mlines.isEmpty()) {
				mlines.getLast()[2] = line.substring("a=mid:".length()).trim();
			}
			else if (inVideo && line.startsWith("a=rtpmap:")) {
				String encoding = line.toUpperCase(Locale.ROOT);
				vp8 |= encoding.contains(" VP8/90000");
				h264 |= encoding.contains(" H264/90000");
			}
			else if (inVideo && line.startsWith("a=rid:")) {
				String[] rid = line.substring("a=rid:".length()).split(" ");
				if (rid.length > 1 && rid[1].equals("send")) {
					rids.add(rid[0]);
				}
			}
		}
		if (!video) {
			throw new MediaRefusal(MediaError.VIDEO_REQUIRED, "The offer has no video");
		}
		if (!vp8 && !h264) {
			throw new MediaRefusal(MediaError.CODEC_UNSUPPORTED, "The offer's video must include VP8 or H.264");
		}
		String videoCodec = vp8 ? "vp8" : "h264";
		// What RTP arrives (an edge mirrors it) and which layers viewers may choose from.
		boolean simulcast = rids.contains("h") && rids.contains("l");
		boolean layered = simulcast && vp8;
		List<Track> tracks = new ArrayList<>();
		for (String[] mline : mlines) {
			String codec = switch (mline[0]) {
				case "audio" -> "opus";
				case "video" -> videoCodec;
				default -> null;
			};
			tracks.add(new Track(mline[0], (mline[2] != null) ? mline[2] : String.valueOf(tracks.size()),
					mline[1].equals("on"), mline[0].equals("video") && simulcast, codec));
		}
		return new PublisherOffer(layered ? List.of(Quality.HIGH, Quality.LOW) : List.of(Quality.HIGH),
				List.copyOf(tracks));
	}

}
