package dev.onair.systemtest.drill;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import com.microsoft.playwright.Page;
import dev.onair.systemtest.media.MediaPages;
import dev.onair.testsupport.ClientBrowser;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The scene of every drill: a live broadcast with one publisher and {@link #VIEWERS}
 * viewers (480p) in Chromium, connected as the studio and watch pages are (the web
 * client's reconnecting socket), and the {@link ChatBot} sending 10 messages a second.
 * From {@link #start} on it records what the drills report: the longest decode
 * gap per viewer, chat acknowledged vs delivered to every page, the broadcast's status
 * timeline and the viewer count.
 * <p>
 * {@link #drill} runs one drill on it: the fault, then watching until the count had its
 * chance to be exact again, then the result; whatever the fault left down is started
 * again before the next test.
 */
final class LiveBroadcast implements AutoCloseable {

	static final int VIEWERS = 3;

	/** The count must be exact again this long after the stack is whole. */
	static final Duration COUNT_EXACT_WITHIN = Duration.ofSeconds(15);

	/** A broadcast status as broadcast-service writes it, e.g. {@code LIVE}. */
	private static final Pattern STATUS = Pattern.compile("[A-Z]+");

	/**
	 * Every consumer group of the stack must have caught up (lag 0 as the broker sees it)
	 * this long after the stack is whole.
	 */
	static final Duration LAG_DRAINED_WITHIN = Duration.ofSeconds(30);

	/** How long the lag is read at least, however late the drill gets to it. */
	private static final Duration LAG_READ_AT_LEAST = Duration.ofSeconds(15);

	/** How long acknowledged chat may take to reach every page at the end. */
	private static final Duration CHAT_SETTLES = Duration.ofSeconds(10);

	private final ClientBrowser browser;

	private final Page publisher;

	private final List<Page> viewers;

	private final String room;

	private final ChatBot bot;

	private final Timeline status;

	private final Timeline count;

	private long faultBegan;

	private long stackWhole;

	private String fault;

	private LiveBroadcast(ClientBrowser browser, Page publisher, List<Page> viewers, String room, ChatBot bot) {
		this.browser = browser;
		this.publisher = publisher;
		this.viewers = viewers;
		this.room = room;
		this.bot = bot;
		this.status = Timeline.status(room);
		this.count = Timeline.viewers(room);
	}

	/** What a drill does to the stack. */
	@FunctionalInterface
	interface Fault {

		/**
		 * Breaks the stack, and returns once it serves the broadcast fully again: at once
		 * when a survivor carries on (the count must be exact within 15 s of the fault),
		 * or once a restarted process is ready (within 15 s of that).
		 * @return what was done, e.g. {@code kill -9 signaling-gateway-2}
		 */
		String inject(LiveBroadcast live);

	}

	/**
	 * Runs a drill: the broadcast live and watched, the fault, watching until
	 * {@code watched} after the fault began (and at least until the count had its chance
	 * to be exact again), then the result, printed, written for the results table and
	 * asserted. Whatever is still down is started again in any case.
	 */
	static void drill(String drill, Duration watched, Fault fault) {
		try (LiveBroadcast live = start()) {
			live.faultBegan = System.nanoTime();
			live.fault = fault.inject(live);
			live.stackWhole = System.nanoTime();
			live.watch(watched);
			live.finish(drill).reportAndAssertHeld();
		}
		finally {
			StackProcesses.startInfrastructure();
			StackProcesses.startServices();
		}
	}

	/**
	 * Starts the browser, the broadcast, its viewers and the bot; returns once the
	 * broadcast is LIVE, every viewer decodes, everyone is counted and the recorders run.
	 */
	private static LiveBroadcast start() {
		ClientBrowser browser = ClientBrowser.start();
		try {
			return start(browser);
		}
		catch (RuntimeException | Error ex) {
			// The next drill of the same test run starts its own browser.
			browser.close();
			throw ex;
		}
	}

	private static LiveBroadcast start(ClientBrowser browser) {
		Page publisher = MediaPages.openWebClient(browser.context());
		String room = MediaPages.publish(publisher, true);
		List<Page> viewers = IntStream.range(0, VIEWERS)
			.mapToObj((i) -> MediaPages.openWebClient(browser.context()))
			.toList();
		viewers.forEach((viewer) -> MediaPages.watch(viewer, room, "480p", false));
		LiveBroadcast live = new LiveBroadcast(browser, publisher, viewers, room, ChatBot.join(room));
		Awaitility.await("broadcast LIVE, every viewer decoding, everyone counted")
			.atMost(Duration.ofSeconds(30))
			.until(() -> "LIVE".equals(live.status.current())
					&& viewers.stream().allMatch((viewer) -> MediaPages.frames(viewer) > 0)
					&& String.valueOf(live.expectedCount()).equals(live.count.current()));
		viewers.forEach(MediaPages::recordFrameGaps);
		live.pages().forEach(LiveBroadcast::recordSignals);
		live.bot.startSending();
		Awaitility.await("the frame-gap recorders sampled every viewer, the bot's first messages acknowledged")
			.atMost(Duration.ofSeconds(5))
			.until(() -> viewers.stream().allMatch((viewer) -> MediaPages.decodedFrames(viewer) > 0)
					&& !live.bot.acknowledged().isEmpty());
		return live;
	}

	/** The room's viewers: the pages watching and the bot's sessions. */
	int expectedCount() {
		return VIEWERS + ChatBot.SESSIONS;
	}

	/**
	 * The gateway instance holding the publisher's connection, e.g.
	 * {@code signaling-gateway-2}.
	 */
	String publisherGateway() {
		String session = (String) this.publisher.evaluate("() => window.onair.signal.welcome.session");
		String holder = StackProcesses.redisGet("gw:session:" + session + ":holder");
		return holder.substring(0, holder.indexOf('/'));
	}

	/**
	 * Watches until {@code sinceFault} after the fault, and at least until the count had
	 * its chance to be exact again, or until the broadcast leaves LIVE or a viewer goes 1
	 * s without a frame: {@link #finish} then reports what broke, with its numbers.
	 */
	private void watch(Duration sinceFault) {
		long until = Math.max(this.faultBegan + sinceFault.toNanos(),
				this.stackWhole + COUNT_EXACT_WITHIN.plusSeconds(2).toNanos());
		Duration rest = Duration.ofNanos(Math.max(0, until - System.nanoTime()));
		try {
			Awaitility.await("LIVE and no decode gap of 1 s for " + rest.toSeconds() + " s more")
				.during(rest)
				.atMost(rest.plusSeconds(10))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> onlyLive()
						&& this.viewers.stream().allMatch((viewer) -> MediaPages.longestGap(viewer) < 1000));
		}
		catch (ConditionTimeoutException ex) {
			// Broken before the end: the result says how.
		}
	}

	/**
	 * Stops the bot, lets its acknowledged messages reach every page, has the studio chat
	 * once more (its session must work again), and collects what the drill measured.
	 */
	private DrillResult finish(String drill) {
		this.bot.stopSending();
		Set<String> acknowledged = this.bot.acknowledged();
		String studio = "studio after " + drill;
		this.publisher.evaluate("(m) => window.onair.signal.send({ type: 'chat.send', room: m[0], text: m[1] })",
				List.of(this.room, studio));
		try {
			Awaitility.await("acknowledged chat and the studio's message on every page")
				.atMost(CHAT_SETTLES)
				.pollInterval(Duration.ofMillis(500))
				.until(() -> pages().stream().allMatch((page) -> {
					Set<String> chat = chat(page);
					return chat.containsAll(acknowledged) && (page == this.publisher || chat.contains(studio));
				}));
		}
		catch (ConditionTimeoutException ex) {
			// Some never arrived: the result counts what did.
		}
		List<Integer> delivered = new ArrayList<>();
		for (Page page : pages()) {
			Set<String> chat = chat(page);
			chat.retainAll(acknowledged);
			delivered.add(chat.size());
		}
		List<String> told = new ArrayList<>();
		for (Page page : pages()) {
			told.addAll(signals(page));
		}
		List<String> mediaEvents = new ArrayList<>();
		for (Page viewer : this.viewers) {
			mediaEvents.addAll(MediaPages.events(viewer)
				.stream()
				.filter((event) -> event.startsWith("frozen") || event.startsWith("failed"))
				.toList());
			// When the longer gaps ended, to set beside the services' logs of the drill.
			System.out.printf("DRILL %s: viewer's decode gaps over 300 ms %s%n", drill, MediaPages.longGaps(viewer));
		}
		List<String> states = pages().stream().map(LiveBroadcast::signalState).toList();
		int heardStudio = (int) this.viewers.stream().filter((viewer) -> chat(viewer).contains(studio)).count();
		boolean countExact = String.valueOf(expectedCount()).equals(this.count.current());
		long countExactAfter = countExact ? this.count.currentSince() - this.stackWhole : Long.MAX_VALUE;
		String fault = String.format("%s; whole at +%.1f s", this.fault, (this.stackWhole - this.faultBegan) / 1e9);
		Map<String, Long> lag = lagOnceDrained();
		boolean lagDrained = !lag.isEmpty() && lag.values().stream().allMatch((records) -> records == 0);
		String lagAfter = String.format("%s at +%.1f s", lagDrained ? "0" : lag.toString(),
				(System.nanoTime() - this.stackWhole) / 1e9);
		return new DrillResult(drill, fault,
				this.viewers.stream().map(MediaPages::longestGap).map(Math::round).toList(), this.bot.sent(),
				acknowledged.size(), delivered, heardStudio, this.bot.refusals(), this.bot.away(),
				this.status.describe(this.faultBegan), onlyLive(), this.count.current(), expectedCount(),
				this.count.describe(this.faultBegan), Duration.ofNanos(Math.max(0, countExactAfter)), countExact,
				lagAfter, lagDrained, publisherSending(), told, mediaEvents, states);
	}

	/**
	 * The stack's consumer lag by group, read until every group has caught up or
	 * {@link #LAG_DRAINED_WITHIN} after the stack was whole; the last reading.
	 */
	private Map<String, Long> lagOnceDrained() {
		Map<String, Long> last = new TreeMap<>(Map.of("(Kafka did not answer)", -1L));
		// The chat settling before this can take past the 30 s on a loaded machine: then
		// the
		// reading gets a few rounds of its own (a group at 0 by then has drained).
		Duration left = Duration.ofNanos(Math.max(LAG_READ_AT_LEAST.toNanos(),
				this.stackWhole + LAG_DRAINED_WITHIN.toNanos() - System.nanoTime()));
		try (ConsumerLag lag = new ConsumerLag()) {
			Awaitility.await("every consumer group caught up")
				.atMost(left.plusSeconds(1))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> {
					Map<String, Long> now;
					try {
						now = lag.byGroup();
					}
					catch (IllegalStateException ex) {
						last.clear();
						last.put("(" + ex.getMessage() + ")", -1L);
						return false;
					}
					last.clear();
					last.putAll(now);
					return !now.isEmpty() && now.values().stream().allMatch((records) -> records == 0);
				});
		}
		catch (ConditionTimeoutException ex) {
			// Not drained: the result says by how much, per group.
		}
		return last;
	}

	/**
	 * Every status broadcast-service gave since the fault was LIVE. A read that failed
	 * ({@code unreachable}, {@code HTTP 500} while PostgreSQL restarts) says nothing
	 * about the broadcast.
	 */
	private boolean onlyLive() {
		return this.status.changes()
			.stream()
			.filter((change) -> change.at() >= this.faultBegan && STATUS.matcher(change.value()).matches())
			.allMatch((change) -> "LIVE".equals(change.value())) && "LIVE".equals(this.status.current());
	}

	private List<Page> pages() {
		List<Page> pages = new ArrayList<>(this.viewers);
		pages.add(0, this.publisher);
		return pages;
	}

	/**
	 * From now on, keeps what the page is told that could end its part in the room
	 * ({@code left}, {@code ended}, {@code error}) and the chat it receives, live and in
	 * the history a {@code joined} brings after a resume.
	 */
	private static void recordSignals(Page page) {
		page.evaluate(
				"""
						() => {
						  const o = window.onair;
						  o.signals = [];
						  o.chat = new Set();
						  for (const type of ['left', 'ended', 'error']) {
						    o.signal.addEventListener(type, (e) => o.signals.push(type + ':' + (e.detail.code ?? e.detail.room)));
						  }
						  o.signal.addEventListener('chat.message', (e) => o.chat.add(e.detail.text));
						  o.signal.addEventListener('joined', (e) => (e.detail.history ?? []).forEach((m) => o.chat.add(m.text)));
						}""");
	}

	@SuppressWarnings("unchecked")
	private static List<String> signals(Page page) {
		return (List<String>) page.evaluate("() => window.onair.signals.slice()");
	}

	@SuppressWarnings("unchecked")
	private static Set<String> chat(Page page) {
		return new HashSet<>((List<String>) page.evaluate("() => [...window.onair.chat]"));
	}

	/** The publisher's video bytes grow (whichever peer connection it has now). */
	private boolean publisherSending() {
		long before = publisherBytesSent();
		try {
			Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> publisherBytesSent() > before);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	private long publisherBytesSent() {
		return ((Number) this.publisher.evaluate("""
				async () => {
				  let bytes = 0;
				  (await window.onair.publisher.pc.getStats()).forEach((s) => {
				    if (s.type === 'outbound-rtp' && s.kind === 'video') bytes += s.bytesSent;
				  });
				  return bytes;
				}""")).longValue();
	}

	/** The web client's connection state: {@code open} once it is back. */
	private static String signalState(Page page) {
		return (String) page.evaluate("() => window.onair.signal.state");
	}

	@Override
	public void close() {
		this.bot.close();
		this.status.close();
		this.count.close();
		this.browser.close();
	}

}
