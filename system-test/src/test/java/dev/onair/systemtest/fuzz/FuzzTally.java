package dev.onair.systemtest.fuzz;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import dev.onair.systemtest.fuzz.HostileFrames.Frame;
import dev.onair.systemtest.fuzz.HostileRequests.Request;

/**
 * What the fuzz run sent and got back, counted. Failures are kept for a replay after the
 * run; findings (what failed again, or a service not UP) keep their first few examples in
 * full, so a report names the frame or request that caused them.
 */
final class FuzzTally {

	/** Verdict prefix of a frame after which the connection was closed. */
	static final String CLOSED = "closed: ";

	/** Verdict prefix of a failure: a finding if its replay fails too. */
	static final String FAILED = "FAILED: ";

	/** Verdict of a frame the gateway accepted without an immediate answer. */
	static final String SILENT = "accepted, no immediate answer";

	private static final int EXAMPLES_PER_FINDING = 3;

	/** A run takes minutes: a line every so many frames shows it is moving. */
	private static final int PROGRESS_EVERY = 10_000;

	/** Suspects replayed at most: a broken service would otherwise make thousands. */
	private static final int MAX_SUSPECTS = 300;

	private final Queue<SuspectFrame> suspectFrames = new ConcurrentLinkedQueue<>();

	private final Queue<SuspectRequest> suspectRequests = new ConcurrentLinkedQueue<>();

	private final Map<String, LongAdder> frameVerdicts = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> framesByKind = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> pushed = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> requestStatuses = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> findingCounts = new ConcurrentHashMap<>();

	private final Queue<String> findings = new ConcurrentLinkedQueue<>();

	private final LongAdder frames = new LongAdder();

	private final LongAdder requests = new LongAdder();

	/**
	 * Counts one hostile frame's verdict; a suspect (see {@link #judge}) is kept for a
	 * replay, which decides whether it is a finding.
	 */
	void frame(URI target, String room, Frame frame, String verdict) {
		this.frames.increment();
		if (this.frames.sum() % PROGRESS_EVERY == 0) {
			FuzzRun.report(this.frames.sum() + " frames so far");
		}
		count(this.framesByKind, frame.kind());
		String judged = judge(frame, verdict);
		count(this.frameVerdicts, judged);
		if (judged.startsWith(FAILED) && this.suspectFrames.size() < MAX_SUSPECTS) {
			this.suspectFrames.add(new SuspectFrame(target, room, frame, judged));
		}
	}

	/**
	 * The verdict as counted: a close after anything but an oversize frame, a frame left
	 * without an answer when its type has an immediate one, and every {@link #FAILED}
	 * verdict are {@link #FAILED}.
	 */
	static String judge(Frame frame, String verdict) {
		if (verdict.startsWith(CLOSED) && !frame.oversize()) {
			return FAILED + "connection " + verdict + " after a frame within the limit";
		}
		if (verdict.equals(SILENT) && !HostileFrames.ANSWERED_LATER.contains(frame.type())) {
			return FAILED + "no answer to a frame whose answer is immediate";
		}
		if (verdict.startsWith(CLOSED)) {
			return "oversize, " + verdict;
		}
		return verdict;
	}

	/** A frame the gateway sent on its own (fan-out, media-service), by type or code. */
	void pushed(String what) {
		count(this.pushed, what);
	}

	/** Counts one REST request by status; a 5xx or no response is kept for a replay. */
	void request(String status, int index, Request request) {
		this.requests.increment();
		count(this.requestStatuses, status);
		if (failed(status) && this.suspectRequests.size() < MAX_SUSPECTS) {
			this.suspectRequests.add(new SuspectRequest(index, request, status));
		}
	}

	static boolean failed(String status) {
		return status.startsWith("5") || !Character.isDigit(status.charAt(0));
	}

	List<SuspectFrame> suspectFrames() {
		return List.copyOf(this.suspectFrames);
	}

	List<SuspectRequest> suspectRequests() {
		return List.copyOf(this.suspectRequests);
	}

	/** A frame whose verdict was a failure, with where it was sent and in which room. */
	record SuspectFrame(URI target, String room, Frame frame, String verdict) {

	}

	/** A request answered with a 5xx or not at all. */
	record SuspectRequest(int index, Request request, String status) {

	}

	void finding(String what, String example) {
		if (this.findingCounts.computeIfAbsent(what, (key) -> new AtomicInteger())
			.incrementAndGet() <= EXAMPLES_PER_FINDING) {
			this.findings.add(what + " <- " + example);
		}
	}

	long frames() {
		return this.frames.sum();
	}

	long requests() {
		return this.requests.sum();
	}

	Map<String, Integer> findingCounts() {
		Map<String, Integer> counts = new TreeMap<>();
		this.findingCounts.forEach((what, count) -> counts.put(what, count.get()));
		return counts;
	}

	List<String> findingExamples() {
		return List.copyOf(this.findings);
	}

	Map<String, Long> frameVerdicts() {
		return sorted(this.frameVerdicts);
	}

	Map<String, Long> framesByKind() {
		return sorted(this.framesByKind);
	}

	Map<String, Long> pushed() {
		return sorted(this.pushed);
	}

	Map<String, Long> requestStatuses() {
		return sorted(this.requestStatuses);
	}

	private static void count(Map<String, LongAdder> counts, String key) {
		counts.computeIfAbsent(key, (k) -> new LongAdder()).increment();
	}

	private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
		Map<String, Long> sorted = new TreeMap<>();
		counts.forEach((key, count) -> sorted.put(key, count.sum()));
		return sorted;
	}

}
