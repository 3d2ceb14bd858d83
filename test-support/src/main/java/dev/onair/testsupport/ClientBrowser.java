package dev.onair.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.WaitUntilState;

/**
 * Headless Chromium running inside the client network namespace ({@code onair-c1}),
 * driven by Playwright from the root namespace over its pipe. WebRTC in the root
 * namespace would probe the default route, so no test starts Chromium any other way.
 * <p>
 * Pages are served to the browser as {@code http://127.0.0.1:8080}: inside the namespace
 * that is a loopback forwarder to edge-web, so the origin is secure and
 * {@code getUserMedia} works with the fake camera.
 */
public final class ClientBrowser implements AutoCloseable {

	/** The origin of the app as the browser sees it. */
	public static final String ORIGIN = "http://127.0.0.1:8080";

	private static final double FIRST_NAVIGATION_TIMEOUT_MS = 180_000;

	private static final double NAVIGATION_TIMEOUT_MS = 120_000;

	private static final double STALLED_AFTER_MS = 30_000;

	private final Playwright playwright;

	private final Path profile;

	private final BrowserContext context;

	private ClientBrowser(Playwright playwright, Path profile, BrowserContext context) {
		this.playwright = playwright;
		this.profile = profile;
		this.context = context;
	}

	/** Starts a browser with a fresh profile; close it to stop the process. */
	public static ClientBrowser start() {
		LocalStack stack = LocalStack.get();
		Path profile;
		try {
			profile = Files.createTempDirectory("onair-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Playwright playwright = Playwright.create(new Playwright.CreateOptions()
			.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "PLAYWRIGHT_BROWSERS_PATH", "0")));
		BrowserContext context = playwright.chromium()
			.launchPersistentContext(profile,
					new BrowserType.LaunchPersistentContextOptions().setExecutablePath(stack.chromiumWrapper())
						.setHeadless(true)
						.setIgnoreDefaultArgs(List.of("--headless"))
						.setArgs(flags(stack)));
		// Two CI runs and two drill runs saw one page of a run take over the default 30 s
		// to load from edge-web (the cause is not found yet; docs/development.md); the
		// assertions after a navigation keep their own timeouts.
		context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
		warmUp(context);
		return new ClientBrowser(playwright, profile, context);
	}

	/**
	 * Loads one small file of the app before any test does. The first navigation of a new
	 * Chromium starts its renderer and network processes; on a freshly installed machine
	 * that once took longer than a test's 30 s navigation timeout (CI), while every later
	 * page loaded in well under a second. The time it took is printed, so a slow start
	 * stays visible instead of failing an unrelated assertion.
	 */
	private static void warmUp(BrowserContext context) {
		long start = System.nanoTime();
		Page page = context.newPage();
		page.navigate(ORIGIN + "/favicon.svg", new Page.NavigateOptions().setTimeout(FIRST_NAVIGATION_TIMEOUT_MS));
		page.close();
		System.out.printf("Chromium's first page loaded in %d ms%n", (System.nanoTime() - start) / 1_000_000);
	}

	public BrowserContext context() {
		return this.context;
	}

	/**
	 * Opens {@code path} of the app's origin and returns once the document is parsed and
	 * its scripts ran ({@code DOMContentLoaded}), which is what the tests go on with;
	 * their assertions wait for what they check. Not at {@code load}, which also waits
	 * for every image of the live list.
	 * <p>
	 * A request of the test browser through the client namespace's forwarder sometimes
	 * never gets its answer: CI at 14:07 on 2026-12-02 saw {@code GET /js/home.js} open
	 * for 120 s on the fourth page of a browser while edge-web served it at once to
	 * everyone else (docs/development.md, "Known open problem"). So a navigation that
	 * stalls for {@value #STALLED_AFTER_MS} ms prints the requests still open and is
	 * tried once more on the same page; a second stall fails with them.
	 */
	public static Response navigate(Page page, String path) {
		try {
			return navigate(page, path, STALLED_AFTER_MS);
		}
		catch (NavigationStalled stalled) {
			System.out.println("NAVIGATION STALLED, trying once more: " + stalled.getMessage());
			return navigate(page, path, NAVIGATION_TIMEOUT_MS);
		}
	}

	private static Response navigate(Page page, String path, double timeoutMs) {
		Map<Request, Long> inFlight = new ConcurrentHashMap<>();
		Consumer<Request> opened = (request) -> inFlight.put(request, System.nanoTime());
		Consumer<Request> closed = inFlight::remove;
		page.onRequest(opened);
		page.onRequestFinished(closed);
		page.onRequestFailed(closed);
		try {
			return page.navigate(ORIGIN + path,
					new Page.NavigateOptions().setWaitUntil(WaitUntilState.DOMCONTENTLOADED).setTimeout(timeoutMs));
		}
		catch (TimeoutError ex) {
			long now = System.nanoTime();
			StringBuilder open = new StringBuilder();
			inFlight.forEach((request, started) -> open.append(String.format("%n  %s %s, open for %d ms",
					request.method(), request.url(), (now - started) / 1_000_000)));
			throw new NavigationStalled(
					path + " did not load; requests still open:" + (open.isEmpty() ? " none" : open), ex);
		}
		finally {
			page.offRequest(opened);
			page.offRequestFinished(closed);
			page.offRequestFailed(closed);
		}
	}

	/** A navigation that timed out, with the requests that were still open. */
	static final class NavigationStalled extends IllegalStateException {

		NavigationStalled(String message, Throwable cause) {
			super(message, cause);
		}

	}

	static List<String> flags(LocalStack stack) {
		StringBuilder rules = new StringBuilder("MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
		for (int host = 1; host <= Math.max(2, stack.mediaHosts()); host++) {
			rules.append(", EXCLUDE ").append(stack.mediaHostAddress(host));
		}
		List<String> flags = new ArrayList<>(
				List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--use-fake-device-for-media-stream",
						"--use-fake-ui-for-media-stream", "--disable-background-networking",
						"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
						"--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required"));
		flags.add("--host-resolver-rules=" + rules);
		return flags;
	}

	@Override
	public void close() {
		try {
			this.context.close();
		}
		finally {
			this.playwright.close();
			deleteRecursively(this.profile);
		}
	}

	private static void deleteRecursively(Path dir) {
		try (var paths = Files.walk(dir)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// The profile is in the temp folder; a leftover is harmless.
		}
	}

}
