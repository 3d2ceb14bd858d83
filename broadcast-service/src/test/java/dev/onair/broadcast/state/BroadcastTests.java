package dev.onair.broadcast.state;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.onair.contract.broadcast.BroadcastStatus;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class BroadcastTests {

	private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

	private final Broadcast ready = Broadcast.ready(UUID.randomUUID(), "Title", "", List.of(), null, T0);

	@Test
	void goesLiveOnceAndNeverBack() {
		Broadcast live = this.ready.publisherConnected(T0.plusSeconds(1));
		assertThat(live.status()).isEqualTo(BroadcastStatus.LIVE);
		assertThat(live.startedAt()).isEqualTo(T0.plusSeconds(1));
		assertThat(live.publisherConnected(T0.plusSeconds(5))).isSameAs(live);
		Broadcast ended = live.ended(T0.plusSeconds(9));
		assertThat(ended.publisherConnected(T0.plusSeconds(10))).isSameAs(ended);
		assertThat(ended.ended(T0.plusSeconds(11))).isSameAs(ended);
	}

	@Test
	void reconnectCancelsTheGraceTimerWithoutANewSnapshot() {
		Broadcast live = this.ready.publisherConnected(T0);
		Broadcast gone = live.publisherDisconnected(T0.plusSeconds(3));
		assertThat(gone.publisherGoneAt()).isEqualTo(T0.plusSeconds(3));
		assertThat(gone.publisherDisconnected(T0.plusSeconds(4))).as("only the first disconnect counts").isSameAs(gone);
		Broadcast back = gone.publisherConnected(T0.plusSeconds(5));
		assertThat(back.publisherGoneAt()).isNull();
		assertThat(back.startedAt()).isEqualTo(T0);
		assertThat(back.snapshot()).isEqualTo(gone.snapshot());
	}

	@Test
	void disconnectOfAReadyBroadcastIsIgnored() {
		assertThat(this.ready.publisherDisconnected(T0)).isSameAs(this.ready);
	}

	@Test
	void onlyAHigherPeakCounts() {
		Broadcast peaked = this.ready.viewers(10);
		assertThat(peaked.peakViewers()).isEqualTo(10);
		assertThat(peaked.viewers(7)).isSameAs(peaked);
	}

	/** The producer side of the golden example: our snapshot serializes to it. */
	@Test
	void snapshotMatchesTheGoldenExample() throws Exception {
		UUID id = UUID.fromString("0b5c3f4e-8a51-4d0e-9d7a-3f1f6f0b9a10");
		Broadcast live = Broadcast
			.ready(id, "리그오브레전드 랭크게임 / Ranked games", "Climbing to Diamond tonight.", List.of("lol", "게임"), "faker", T0)
			.withVersion(1)
			.publisherConnected(Instant.parse("2026-11-25T12:01:30Z"))
			.viewers(42)
			.thumbnail("\"etag\"")
			.withVersion(2);
		String golden = new ClassPathResource("golden/kafka/broadcast-changed.json")
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		JSONAssert.assertEquals(golden, JsonMapper.builder().build().writeValueAsString(live.snapshot()),
				JSONCompareMode.LENIENT);
	}

}
