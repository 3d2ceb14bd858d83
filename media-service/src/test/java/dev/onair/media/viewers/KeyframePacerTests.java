package dev.onair.media.viewers;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pacer on a simulated clock: checks run exactly when it asks for them, as
 * {@link Keyframes} schedules them.
 */
class KeyframePacerTests {

	private final KeyframePacer pacer = new KeyframePacer();

	private final PriorityQueue<Scheduled> checks = new PriorityQueue<>((a, b) -> Long.compare(a.at(), b.at()));

	private final List<Long> requests = new ArrayList<>();

	@Test
	void aThousandViewersSwitchingInOneSecondCauseAtMostOneRequestPerGap() {
		for (int i = 0; i < 1000; i++) {
			long now = i;
			runChecksUntil(now);
			schedule("room", this.pacer.switched("room", "viewer-" + i, i % 2, now));
		}
		runChecksUntil(10_000);
		long window = 999 + KeyframePacer.GIVE_UP_MILLIS;
		assertThat(this.requests).hasSizeLessThanOrEqualTo((int) (window / KeyframePacer.GAP_MILLIS) + 1);
		for (int i = 1; i < this.requests.size(); i++) {
			assertThat(this.requests.get(i) - this.requests.get(i - 1))
				.as("requests to one publisher are at least the gap apart")
				.isGreaterThanOrEqualTo(KeyframePacer.GAP_MILLIS);
		}
		assertThat(this.pacer.waiting()).as("every switch is given up after a while").isZero();
	}

	@Test
	void aSwitchJanusConfirmsCausesNoRequest() {
		schedule("room", this.pacer.switched("room", "v", 0, 0));
		runChecksUntil(100);
		this.pacer.confirmed("v", 0);
		runChecksUntil(10_000);
		assertThat(this.requests).isEmpty();
		assertThat(this.pacer.waiting()).isZero();
	}

	@Test
	void aConfirmationOfTheOtherLayerDoesNotCount() {
		schedule("room", this.pacer.switched("room", "v", 1, 0));
		this.pacer.confirmed("v", 0);
		runChecksUntil(KeyframePacer.FOLLOW_UP_MILLIS);
		assertThat(this.requests).containsExactly(KeyframePacer.FOLLOW_UP_MILLIS);
	}

	@Test
	void anUnconfirmedSwitchIsAskedForAgainUntilItIsGivenUp() {
		schedule("room", this.pacer.switched("room", "v", 1, 0));
		runChecksUntil(700);
		assertThat(this.requests).containsExactly(KeyframePacer.FOLLOW_UP_MILLIS, 2 * KeyframePacer.FOLLOW_UP_MILLIS);
		this.pacer.confirmed("v", 1);
		runChecksUntil(10_000);
		assertThat(this.requests).hasSize(2);
	}

	@Test
	void aViewerWhoseJanusRequestTheBrowserDroppedIsAskedForAsSoonAsTheBrowserTakesRequestsAgain() {
		schedule("room", this.pacer.switched("room", "first", KeyframePacer.ANY, 0));
		this.pacer.confirmed("first", 0);
		// Janus's request for the second viewer comes 250 ms after the one the browser
		// honoured for the first, so it is dropped: ask again at 310, not at 250 + 310.
		runChecksUntil(250);
		schedule("room", this.pacer.switched("room", "second", KeyframePacer.ANY, 250));
		runChecksUntil(KeyframePacer.FOLLOW_UP_MILLIS);
		assertThat(this.requests).containsExactly(KeyframePacer.FOLLOW_UP_MILLIS);
		this.pacer.confirmed("second", 1);
		runChecksUntil(10_000);
		assertThat(this.requests).hasSize(1);
		assertThat(this.pacer.waiting()).isZero();
	}

	@Test
	void aViewerWhoseJanusRequestTheBrowserHonouredWaitsAWholeFollowUp() {
		schedule("room", this.pacer.switched("room", "first", KeyframePacer.ANY, 0));
		this.pacer.confirmed("first", 0);
		runChecksUntil(400);
		schedule("room", this.pacer.switched("room", "second", KeyframePacer.ANY, 400));
		runChecksUntil(400 + KeyframePacer.FOLLOW_UP_MILLIS - 1);
		assertThat(this.requests).isEmpty();
		runChecksUntil(400 + KeyframePacer.FOLLOW_UP_MILLIS);
		assertThat(this.requests).containsExactly(400 + KeyframePacer.FOLLOW_UP_MILLIS);
	}

	@Test
	void aNewViewerWaitsForEitherLayer() {
		schedule("room", this.pacer.switched("room", "v", KeyframePacer.ANY, 0));
		this.pacer.confirmed("v", 0);
		runChecksUntil(10_000);
		assertThat(this.requests).isEmpty();
	}

	@Test
	void aNewViewerOfASingleLayerRoomGetsOneRequest() {
		schedule("room", this.pacer.switched("room", "v", KeyframePacer.ONCE, 0));
		runChecksUntil(10_000);
		assertThat(this.requests).containsExactly(KeyframePacer.FOLLOW_UP_MILLIS);
		assertThat(this.pacer.waiting()).isZero();
	}

	@Test
	void roomsArePacedSeparately() {
		schedule("a", this.pacer.switched("a", "v1", 1, 0));
		schedule("b", this.pacer.switched("b", "v2", 1, 0));
		runChecksUntil(KeyframePacer.FOLLOW_UP_MILLIS);
		assertThat(this.requests).hasSize(2);
	}

	@Test
	void aViewerThatLeftWaitsForNothing() {
		schedule("room", this.pacer.switched("room", "v", 1, 0));
		this.pacer.forget("v");
		runChecksUntil(10_000);
		assertThat(this.requests).isEmpty();
	}

	private void schedule(String room, long at) {
		if (at >= 0) {
			this.checks.add(new Scheduled(at, room));
		}
	}

	/** Runs every check due by {@code now}, in time order, and records requests. */
	private void runChecksUntil(long now) {
		while (!this.checks.isEmpty() && this.checks.peek().at() <= now) {
			Scheduled due = this.checks.poll();
			KeyframePacer.Check check = this.pacer.check(due.room(), due.at());
			if (check.request()) {
				this.requests.add(due.at());
			}
			schedule(due.room(), check.nextAt());
		}
	}

	private record Scheduled(long at, String room) {
	}

}
