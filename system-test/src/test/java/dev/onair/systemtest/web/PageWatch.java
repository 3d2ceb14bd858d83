package dev.onair.systemtest.web;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page plus what it must never do: log a console error, throw, or open a dialog (an
 * injected {@code alert} would show up here). Dialogs are dismissed and recorded unless
 * the test expects one.
 */
final class PageWatch {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	final Page page;

	final List<String> errors = new CopyOnWriteArrayList<>();

	final List<String> dialogs = new CopyOnWriteArrayList<>();

	private volatile boolean acceptConfirms;

	PageWatch(BrowserContext context) {
		this.page = context.newPage();
		this.page.setViewportSize(1280, 800);
		this.page.onConsoleMessage((message) -> {
			if ("error".equals(message.type())) {
				this.errors.add(message.text() + " at " + message.location());
			}
		});
		this.page.onPageError((error) -> this.errors.add("uncaught: " + error));
		this.page.onDialog((dialog) -> {
			if (this.acceptConfirms && "confirm".equals(dialog.type())) {
				dialog.accept();
				return;
			}
			this.dialogs.add(dialog.type() + ": " + dialog.message());
			dialog.dismiss();
		});
	}

	/** The studio asks before ending a broadcast; the streamer says yes. */
	PageWatch acceptingConfirms() {
		this.acceptConfirms = true;
		return this;
	}

	/**
	 * Desktop (1280 wide) and phone (390 wide) screenshots for review, of the whole page:
	 * clicks scroll the viewport, and the review is about the layout, not the scroll.
	 */
	void screenshots(String name) {
		this.page.setViewportSize(1280, 800);
		this.page.screenshot(
				new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve(name + "-desktop.png")));
		this.page.setViewportSize(390, 844);
		this.page.screenshot(
				new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve(name + "-phone.png")));
		this.page.setViewportSize(1280, 800);
	}

	void assertClean() {
		assertThat(this.errors).as("console errors on " + this.page.url()).isEmpty();
		assertThat(this.dialogs).as("dialogs on " + this.page.url()).isEmpty();
	}

}
