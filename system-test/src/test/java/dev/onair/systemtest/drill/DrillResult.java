package dev.onair.systemtest.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.onair.testsupport.LocalStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one drill measured, against issue 15's "done when": no viewer without a decoded
 * frame for 1 s, every acknowledged chat message on every page (the publisher's first),
 * the broadcast LIVE whenever broadcast-service answered, the count exact again within 15
 * s of the stack being whole, and the studio and the viewers back without a reload.
 *
 * @param drill the drill's name, e.g. {@code gateway-kill}
 * @param fault what was done and when the stack was whole again, e.g.
 * {@code kill -9 signaling-gateway-2; whole at +0.0 s}
 * @param gapsMillis longest decode gap per viewer
 * @param sent chat messages the bot wrote to an open connection
 * @param acknowledged of those, the ones their sender received back
 * @param delivered acknowledged messages each page received (publisher, viewers)
 * @param heardStudio viewers that received the studio's message sent after the fault
 * @param refusals error codes the gateways answered the bot
 * @param botAway the bot's sessions not in the room at the end, with how far each got
 * @param statusTimeline the broadcast's status from the fault on
 * @param onlyLive every status read since the fault was LIVE
 * @param countAfter the viewer count at the end
 * @param expectedCount the viewers in the room (pages and bot)
 * @param countTimeline the count from the fault on
 * @param countExactAfter since when, after the stack was whole, the count has been exact
 * @param countExact the count is exact at the end
 * @param lagAfter the stack's consumer lag once drained, or what was left, with when
 * @param lagDrained every group of the stack caught up within 30 s of the stack being
 * whole
 * @param publisherSending the publisher's video still flows
 * @param told {@code left}, {@code ended} and {@code error} frames the pages received (a
 * retryable {@code unavailable} does not fail the drill)
 * @param mediaEvents viewers' {@code frozen}/{@code failed} events (a new subscription)
 * @param signalStates each page's connection state at the end
 */
record DrillResult(String drill, String fault, List<Long> gapsMillis, int sent, int acknowledged,
		List<Integer> delivered, int heardStudio, Set<String> refusals, List<String> botAway, String statusTimeline,
		boolean onlyLive, String countAfter, int expectedCount, String countTimeline, Duration countExactAfter,
		boolean countExact, String lagAfter, boolean lagDrained, boolean publisherSending, List<String> told,
		List<String> mediaEvents, List<String> signalStates) {

	/**
	 * The one refusal a page may get during a fault: the protocol's "Kafka or Redis did
	 * not answer in time; retry" (a frame the page sent while Kafka was away). It ends
	 * nothing; what a lost frame would break shows in the other checks (decode gaps,
	 * chat, connection states).
	 */
	private static final String RETRYABLE = "error:unavailable";

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	/**
	 * Prints the result, writes its row of the results table for {@code ./onair drill} to
	 * {@code system-test/target/drills/<drill>.md}, then asserts that the drill held.
	 */
	void reportAndAssertHeld() {
		System.out.printf(
				"DRILL %s (%s): longest decode gap per viewer %s ms; chat sent %d, acknowledged %d, delivered %s%s,"
						+ " the studio's message to %d viewers;"
						+ " status %s; count %s (expected %d): %s; consumer lag %s; told %s; media events %s;"
						+ " connections %s%s%n",
				this.drill, this.fault, this.gapsMillis, this.sent, this.acknowledged, this.delivered,
				this.refusals.isEmpty() ? "" : ", refused " + this.refusals, this.heardStudio, this.statusTimeline,
				this.countAfter, this.expectedCount, this.countTimeline, this.lagAfter, this.told, this.mediaEvents,
				this.signalStates, this.botAway.isEmpty() ? "" : "; bot sessions not in the room " + this.botAway);
		writeRow();
		assertThat(failures()).as("what did not hold in drill " + this.drill).isEmpty();
	}

	/** Each part of "done when" that did not hold, said with its numbers. */
	List<String> failures() {
		List<String> failures = new ArrayList<>();
		if (!this.gapsMillis.stream().allMatch((gap) -> gap < 1000)) {
			failures.add("a viewer decoded no frame for 1 s or more: " + this.gapsMillis + " ms");
		}
		if (this.acknowledged == 0 || !this.delivered.stream().allMatch((count) -> count == this.acknowledged)) {
			failures.add("acknowledged chat " + this.acknowledged + ", delivered to publisher and viewers "
					+ this.delivered);
		}
		if (this.heardStudio < LiveBroadcast.VIEWERS) {
			failures.add("the studio's chat after the fault reached " + this.heardStudio + " of "
					+ LiveBroadcast.VIEWERS + " viewers");
		}
		if (!this.onlyLive) {
			failures.add("the broadcast left LIVE: " + this.statusTimeline);
		}
		if (!this.countExact || this.countExactAfter.compareTo(LiveBroadcast.COUNT_EXACT_WITHIN) > 0) {
			failures.add("count " + this.countAfter + " of " + this.expectedCount + " not exact within "
					+ LiveBroadcast.COUNT_EXACT_WITHIN.toSeconds() + " s of the stack being whole: "
					+ this.countTimeline);
		}
		if (!this.botAway.isEmpty()) {
			failures.add("bot sessions not in the room: " + this.botAway);
		}
		if (!this.lagDrained) {
			failures.add("consumer lag not 0 within " + LiveBroadcast.LAG_DRAINED_WITHIN.toSeconds()
					+ " s of the stack being whole: " + this.lagAfter);
		}
		if (!this.publisherSending) {
			failures.add("the publisher no longer sends video");
		}
		List<String> ending = this.told.stream().filter((signal) -> !RETRYABLE.equals(signal)).toList();
		if (!ending.isEmpty()) {
			failures.add("pages were told " + ending);
		}
		if (!this.mediaEvents.isEmpty()) {
			failures.add("viewers had to subscribe again: " + this.mediaEvents);
		}
		if (!this.signalStates.stream().allMatch("open"::equals)) {
			failures.add("connections of publisher and viewers " + this.signalStates);
		}
		return failures;
	}

	/**
	 * | drill | fault | date | commit | held | decode gaps | chat | status | count | lag
	 * |, one line.
	 */
	private void writeRow() {
		String row = String
			.join(" | ", "", this.drill, this.fault, ZonedDateTime.now(ZoneOffset.UTC).format(MINUTE), commit(),
					failures().isEmpty() ? "yes" : "**no**",
					this.gapsMillis.stream().map((gap) -> gap + " ms").collect(Collectors.joining(" / ")),
					this.acknowledged + " / "
							+ this.delivered.stream().map(String::valueOf).collect(Collectors.joining(" / "))
							+ " (sent " + this.sent + "); studio's message to " + this.heardStudio + " of "
							+ LiveBroadcast.VIEWERS,
					this.statusTimeline,
					this.countAfter + " of " + this.expectedCount + " (" + this.countTimeline + ")", this.lagAfter, "")
			.trim();
		Path file = LocalStack.get().home().resolve("system-test/target/drills/" + this.drill + ".md");
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, row + "\n", StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The commit the test runs from, {@code -dirty} with uncommitted changes. */
	private static String commit() {
		Path home = LocalStack.get().home();
		String head = git(home, "rev-parse", "--short", "HEAD").trim();
		return git(home, "status", "--porcelain", "--untracked-files=no").isBlank() ? head : head + "-dirty";
	}

	private static String git(Path home, String... arguments) {
		try {
			Process process = new ProcessBuilder(
					Stream.concat(Stream.of("git", "-C", home.toString()), Arrays.stream(arguments)).toList())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			process.waitFor();
			return output;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

}
