package dev.onair.gateway.whip;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.onair.contract.signal.IceCandidate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The two answers of a WHEP subscription, from a Chromium player's offer and a Janus
 * 1.1.2 subscriber offer as they came on this machine.
 */
class WhepSdpTests {

	private static final String CLIENT = read("chromium-offer.sdp");

	private static final String JANUS = read("janus-offer.sdp");

	private static final IceCandidate JANUS_HOST = new IceCandidate(
			"candidate:1 1 udp 2015363327 10.203.1.2 20120 typ host", "0", 0);

	@Test
	void answersThePlayerWithJanusTransportAndStreamsInThePlayersSections() {
		String toClient = WhepSdp.answers(CLIENT, JANUS, List.of(JANUS_HOST)).toClient();
		assertThat(toClient).startsWith("v=0\r\n")
			.contains("a=group:BUNDLE 0 1\r\n")
			.contains("a=ice-ufrag:pUcW\r\n", "a=ice-pwd:ordL3ac+ngWpjc2XeWffrh\r\n",
					"a=fingerprint:sha-256 79:BA:3D:BC")
			.contains("a=setup:passive\r\n")
			.doesNotContain("EsAw", "actpass", "a=extmap", "transport-cc", "rtx", "1613278605");
		List<String> audio = section(toClient, 0);
		assertThat(audio).startsWith("m=audio 9 UDP/TLS/RTP/SAVPF 111")
			.contains("a=mid:0", "a=sendonly", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 useinbandfec=1",
					"a=ssrc:1890190233 cname:janus", "a=" + JANUS_HOST.candidate(), "a=end-of-candidates");
		List<String> video = section(toClient, 1);
		assertThat(video).startsWith("m=video 9 UDP/TLS/RTP/SAVPF 96")
			.contains("a=mid:1", "a=sendonly", "a=rtcp-rsize", "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack pli",
					"a=msid:janus janus1", "a=ssrc:1505788370 cname:janus")
			.noneMatch((line) -> line.startsWith("a=candidate:"));
	}

	@Test
	void answersJanusWithThePlayersTransportInJanusSections() {
		String toJanus = WhepSdp.answers(CLIENT, JANUS, List.of(JANUS_HOST)).toJanus();
		assertThat(toJanus).contains("a=group:BUNDLE 0 1\r\n")
			.contains("a=ice-ufrag:EsAw\r\n", "a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1\r\n",
					"a=fingerprint:sha-256 0F:74:31:25")
			.contains("a=setup:active\r\n")
			.doesNotContain("pUcW", "actpass", "a=extmap", "transport-cc", "a=ssrc");
		assertThat(section(toJanus, 0)).startsWith("m=audio 9 UDP/TLS/RTP/SAVPF 111")
			.contains("a=mid:0", "a=recvonly",
					"a=candidate:1387637174 1 udp 2122260223 10.203.10.2 61764 typ host generation 0 network-id 1");
		assertThat(toJanus).as("the video transport, which the player drops with BUNDLE").doesNotContain("61999");
		assertThat(section(toJanus, 1)).startsWith("m=video 9 UDP/TLS/RTP/SAVPF 96")
			.contains("a=mid:1", "a=recvonly", "a=rtpmap:96 VP8/90000");
	}

	@Test
	void mapsSectionsByKindWhenThePlayerOrdersAndNamesThemOtherwise() {
		String videoFirst = CLIENT.replace("a=mid:0", "a=mid:A").replace("a=mid:1", "a=mid:V");
		String audio = videoFirst.substring(videoFirst.indexOf("m=audio"), videoFirst.indexOf("m=video"));
		String video = videoFirst.substring(videoFirst.indexOf("m=video"));
		String offer = videoFirst.substring(0, videoFirst.indexOf("m=audio")).replace("BUNDLE 0 1", "BUNDLE V A")
				+ video + "\r\n" + audio;
		WhepSdp.Answers answers = WhepSdp.answers(offer, JANUS, List.of());
		assertThat(answers.toClient()).contains("a=group:BUNDLE V A\r\n");
		assertThat(section(answers.toClient(), 0)).startsWith("m=video 9 UDP/TLS/RTP/SAVPF 96").contains("a=mid:V");
		assertThat(section(answers.toClient(), 1)).startsWith("m=audio 9 UDP/TLS/RTP/SAVPF 111").contains("a=mid:A");
		assertThat(answers.toJanus()).contains("a=group:BUNDLE 0 1\r\n").contains("61999").doesNotContain("61764");
		assertThat(answers.janusMid()).isEqualTo("0");
		assertThat(answers.clientMid()).isEqualTo("V");
	}

	@Test
	void rejectsJanusAudioThatAVideoOnlyPlayerDoesNotReceive() {
		String videoOnly = CLIENT.substring(0, CLIENT.indexOf("m=audio")).replace("BUNDLE 0 1", "BUNDLE 1")
				+ CLIENT.substring(CLIENT.indexOf("m=video"));
		WhepSdp.Answers answers = WhepSdp.answers(videoOnly, JANUS, List.of());
		assertThat(answers.toClient()).doesNotContain("m=audio").contains("a=group:BUNDLE 1\r\n");
		assertThat(section(answers.toJanus(), 0)).startsWith("m=audio 0 UDP/TLS/RTP/SAVPF 111")
			.contains("a=mid:0", "a=inactive");
		assertThat(answers.toJanus()).contains("a=group:BUNDLE 1\r\n");
		assertThat(answers.janusMid()).isEqualTo("1");
		assertThat(answers.clientMid()).isEqualTo("1");
		assertThat(answers.toJanus()).contains("61999");
	}

	@Test
	void refusesAPlayerThatNumbersTheBroadcastsCodecOtherwise() {
		String renumbered = CLIENT.replace("SAVPF 96 97", "SAVPF 98 97").replace(":96 ", ":98 ");
		assertThatIllegalArgumentException().isThrownBy(() -> WhepSdp.answers(renumbered, JANUS, List.of()))
			.withMessageContaining("96 VP8");
		String h264Only = CLIENT.replace("SAVPF 96 97 102", "SAVPF 102").replace("a=rtpmap:96 VP8/90000", "");
		assertThatIllegalArgumentException().isThrownBy(() -> WhepSdp.answers(h264Only, JANUS, List.of()));
	}

	@Test
	void refusesADescriptionWithoutMids() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WhepSdp.answers(CLIENT.replace("a=mid:", "a=x-mid:"), JANUS, List.of()))
			.withMessageContaining("a=mid");
	}

	/** The lines of the answer's {@code index}th media section. */
	private static List<String> section(String sdp, int index) {
		String[] sections = sdp.split("(?=m=)");
		return sections[index + 1].lines().toList();
	}

	private static String read(String name) {
		try (InputStream in = WhepSdpTests.class.getResourceAsStream("/whep/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
