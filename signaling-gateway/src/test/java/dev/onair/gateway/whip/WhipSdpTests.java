package dev.onair.gateway.whip;

import java.util.List;

import dev.onair.contract.signal.IceCandidate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WhipSdpTests {

	private static final String ANSWER = String.join("\r\n", "v=0", "o=- 1 1 IN IP4 10.203.1.2", "s=VideoRoom", "t=0 0",
			"a=group:BUNDLE 0 1", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 10.203.1.2", "a=mid:0", "a=recvonly",
			"m=video 9 UDP/TLS/RTP/SAVPF 102", "c=IN IP4 10.203.1.2", "a=mid:1", "a=recvonly", "");

	private static final String HOST = "candidate:1 1 udp 2015363327 10.203.1.2 21000 typ host";

	@Test
	void writesJanusCandidatesIntoTheirSectionsOfTheAnswer() {
		String answer = WhipSdp.withCandidates(ANSWER, List.of(new IceCandidate(HOST, "0", 0)), true);
		assertThat(answer).contains("a=mid:0\r\na=recvonly\r\na=" + HOST + "\r\na=end-of-candidates\r\nm=video")
			.endsWith("a=mid:1\r\na=recvonly\r\na=end-of-candidates\r\n");
	}

	@Test
	void placesACandidateWithoutMidByIndexAndLeavesTheEndOpenWhileGathering() {
		String answer = WhipSdp.withCandidates(ANSWER, List.of(new IceCandidate(HOST, null, 1)), false);
		assertThat(answer).endsWith("a=recvonly\r\na=" + HOST + "\r\n").doesNotContain("end-of-candidates");
		assertThat(answer.indexOf(HOST)).isGreaterThan(answer.indexOf("m=video"));
	}

	@Test
	void readsATrickleFragmentWithTheMidOfEachCandidate() {
		WhipSdp.Fragment fragment = WhipSdp.fragment(String.join("\r\n", "a=ice-ufrag:EsAw",
				"a=ice-pwd:P2uYro0UCOQ4zxjKXaWCBui1", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:0",
				"a=candidate:1387637174 1 udp 2122260223 10.203.10.2 61764 typ host generation 0",
				"a=end-of-candidates", ""));
		assertThat(fragment.ufrag()).isEqualTo("EsAw");
		assertThat(fragment.candidates()).containsExactly(new IceCandidate(
				"candidate:1387637174 1 udp 2122260223 10.203.10.2 61764 typ host generation 0", "0", 0));
		assertThat(fragment.ended()).isTrue();
	}

	@Test
	void refusesWhatIsNoFragment() {
		assertThatIllegalArgumentException().isThrownBy(() -> WhipSdp.fragment("hello"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WhipSdp.fragment("a=candidate:1 1 udp 1 10.203.10.2 1 typ host"))
			.withMessageContaining("m= line");
	}

	@Test
	void refusesMoreCandidatesThanAHostHas() {
		String many = "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n"
				+ "a=candidate:1 1 udp 1 10.203.10.2 1 typ host\r\n".repeat(WhipSdp.MAX_CANDIDATES + 1);
		assertThatIllegalArgumentException().isThrownBy(() -> WhipSdp.fragment(many)).withMessageContaining("32");
	}

	@Test
	void findsTheOffersIceCredentialsAndVideo() {
		String offer = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:abcd\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";
		assertThat(WhipSdp.iceUfrag(offer)).isEqualTo("abcd");
		assertThat(WhipSdp.hasVideo(offer)).isTrue();
		assertThat(WhipSdp.hasVideo(offer.replace("m=video 9", "m=video 0"))).isFalse();
		assertThat(WhipSdp.iceUfrag("v=0\r\n")).isNull();
	}

}
