package dev.onair.edge.pages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each page URL serves its HTML, assets are served for revalidation, and every response
 * carries the security headers that keep injected markup from running.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PagesTests {

	@Autowired
	private WebTestClient web;

	@ParameterizedTest
	@CsvSource({ "/, /js/home.js", "/watch/0b5c3f4e-8a51-4d0e-9d7a-3f1f6f0b9a10, /js/watch.js",
			"/studio, /js/studio.js", "/connection-test, /js/connection-test.js" })
	void servesEachPageWithItsModule(String path, String module) {
		this.web.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.cacheControl(CacheControl.noCache())
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("<script type=\"module\" src=\"" + module + "\"></script>"));
	}

	@Test
	void pagesForbidInlineScriptsSniffingFramingAndReferrerLeaks() {
		this.web.get()
			.uri("/watch/any")
			.exchange()
			.expectHeader()
			.valueEquals("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY)
			.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY");
		assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).contains("script-src 'self'")
			.doesNotContain("unsafe-inline");
	}

	@Test
	void servesAssetsAnewEveryTimeWithoutValidators() {
		this.web.get()
			.uri("/js/chat.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/javascript")
			.expectHeader()
			.cacheControl(CacheControl.noCache())
			.expectHeader()
			.doesNotExist("Last-Modified")
			.expectHeader()
			.doesNotExist("ETag");
	}

	@Test
	void noPageUsesInnerHtml() {
		for (String module : new String[] { "home", "watch", "studio", "chat", "connection-test", "signal", "i18n",
				"api" }) {
			this.web.get()
				.uri("/js/" + module + ".js")
				.exchange()
				.expectBody(String.class)
				.value((js) -> assertThat(js).as(module)
					.doesNotContain("innerHTML")
					.doesNotContain("insertAdjacentHTML"));
		}
	}

}
