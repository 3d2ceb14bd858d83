package dev.onair.media.rooms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.onair.media.janus.Track;
import dev.onair.media.replies.MediaRefusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublisherOfferTests {

	@Test
	void simulcastOfferAnnouncesBothLayers() throws IOException {
		assertThat(PublisherOffer.check(offer()).layers()).containsExactly("720p", "480p");
	}

	@Test
	void singleLayerOfferAnnouncesOneLayer() throws IOException {
		String single = offer().replaceAll("a=rid:.*\r\n", "").replaceAll("a=simulcast:.*\r\n", "");
		assertThat(PublisherOffer.check(single).layers()).containsExactly("720p");
	}

	@Test
	void keepsTheMLinesInOrderForAnEdgeToMirror() throws IOException {
		assertThat(PublisherOffer.check(offer()).tracks()).containsExactly(new Track("audio", "0", true, false, "opus"),
				new Track("video", "1", true, true, "vp8"));
	}

	@Test
	void refusesAnOfferWithoutVideo() throws IOException {
		String audioOnly = offer().substring(0, offer().indexOf("m=video"));
		assertThatThrownBy(() -> PublisherOffer.check(audioOnly)).isInstanceOf(MediaRefusal.class)
			.extracting("code")
			.isEqualTo("media.video-required");
	}

	@Test
	void refusesARejectedVideoSection() throws IOException {
		String rejected = offer().replace("m=video 9 ", "m=video 0 ");
		assertThatThrownBy(() -> PublisherOffer.check(rejected)).extracting("code").isEqualTo("media.video-required");
	}

	@Test
	void takesVp8WhenBothCodecsAreOfferedAsJanusDoes() throws IOException {
		String both = offer().replace("a=rtpmap:96 VP8/90000", "a=rtpmap:96 VP8/90000\r\na=rtpmap:102 H264/90000");
		assertThat(PublisherOffer.check(both).tracks().get(1).codec()).isEqualTo("vp8");
	}

	@Test
	void acceptsH264AsOneLayer() throws IOException {
		String single = offer().replaceAll("a=rid:.*\r\n", "").replaceAll("a=simulcast:.*\r\n", "");
		PublisherOffer h264 = PublisherOffer.check(single.replace("VP8/90000", "H264/90000"));
		assertThat(h264.layers()).containsExactly("720p");
		assertThat(h264.tracks()).containsExactly(new Track("audio", "0", true, false, "opus"),
				new Track("video", "1", true, false, "h264"));
	}

	@Test
	void takesH264SimulcastAsOneLayer() throws IOException {
		PublisherOffer h264 = PublisherOffer.check(offer().replace("VP8/90000", "H264/90000"));
		assertThat(h264.layers()).containsExactly("720p");
		// The RTP still comes in two layers: an edge must expect both.
		assertThat(h264.tracks().get(1).simulcast()).isTrue();
	}

	@Test
	void refusesVideoWithoutVp8OrH264() throws IOException {
		String vp9 = offer().replace("VP8/90000", "VP9/90000");
		assertThatThrownBy(() -> PublisherOffer.check(vp9)).extracting("code").isEqualTo("media.codec-unsupported");
	}

	@Test
	void refusesGarbage() {
		assertThatThrownBy(() -> PublisherOffer.check("hello")).extracting("code").isEqualTo("media.sdp-invalid");
		assertThatThrownBy(() -> PublisherOffer.check(null)).extracting("code").isEqualTo("media.sdp-invalid");
	}

	static String offer() throws IOException {
		try (InputStream in = PublisherOfferTests.class.getResourceAsStream("/simulcast-offer.sdp")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
		}
	}

}
