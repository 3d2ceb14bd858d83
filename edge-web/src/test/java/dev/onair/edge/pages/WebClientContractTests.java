package dev.onair.edge.pages;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.onair.contract.signal.MediaError;
import dev.onair.contract.ws.Quality;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web client (the scripts and pages under {@code static/}) uses the contract's
 * qualities and media error codes, nothing else: the watch page offers exactly the
 * qualities a viewer may pick, every media error the scripts react to is one
 * media-service sends, and they retry exactly the retryable ones, as docs/protocol.md
 * says.
 */
class WebClientContractTests {

	private static final Pattern QUALITY = Pattern.compile("['\"`](auto|\\d{3,4}p)['\"`]");

	private static final Pattern MEDIA_CODE = Pattern.compile("['\"`](media\\.[a-z-]+)['\"`]");

	private static final Pattern QUALITY_PICKER = Pattern.compile("<select id=\"quality\">(.*?)</select>",
			Pattern.DOTALL);

	private static final Pattern OPTION = Pattern.compile("<option value=\"([^\"]*)\"");

	private static final Pattern RETRYABLE = Pattern.compile("const RETRYABLE = new Set\\(\\[([^]]*)]\\)");

	@Test
	void watchPageOffersExactlyTheQualitiesAViewerMayPick() {
		Matcher picker = QUALITY_PICKER.matcher(read(Path.of("watch.html")));
		assertThat(picker.find()).as("watch.html has <select id=\"quality\">").isTrue();
		assertThat(all(OPTION, picker.group(1))).isEqualTo(Quality.CHOICES);
	}

	@Test
	void scriptsNameOnlyTheContractsQualitiesAndTheMediaClientAllOfThem() {
		for (Path script : scripts()) {
			assertThat(all(QUALITY, read(script))).as(script.toString()).isSubsetOf(Quality.CHOICES);
		}
		String mediaClient = read(Path.of("js", "media-client.js"));
		assertThat(Set.copyOf(all(QUALITY, mediaClient))).isEqualTo(Set.copyOf(Quality.CHOICES));
		assertThat(mediaClient).contains("quality = '" + Quality.AUTO + "'");
	}

	@Test
	void everyMediaErrorTheScriptsHandleIsOneMediaServiceSends() {
		List<String> handled = scripts().stream().flatMap((script) -> all(MEDIA_CODE, read(script)).stream()).toList();
		assertThat(handled).isNotEmpty()
			.allSatisfy((code) -> assertThat(MediaError.of(code)).as(code + " is a MediaError").isPresent());
	}

	@Test
	void mediaClientRetriesExactlyTheRetryableMediaErrors() {
		Matcher retryable = RETRYABLE.matcher(read(Path.of("js", "media-client.js")));
		assertThat(retryable.find()).as("media-client.js has const RETRYABLE").isTrue();
		assertThat(Set.copyOf(all(MEDIA_CODE, retryable.group(1)))).isEqualTo(retryableCodes());
	}

	@Test
	void protocolDocumentNamesTheRetryableMediaErrors() throws IOException {
		String protocol = Files.readString(Path.of("..", "docs", "protocol.md"));
		String errorCodes = protocol.substring(protocol.indexOf("## Error codes"));
		errorCodes = errorCodes.substring(0, errorCodes.indexOf("\n## "));
		Set<String> named = Pattern.compile("`(media\\.[a-z-]+)`")
			.matcher(errorCodes)
			.results()
			.map((match) -> match.group(1))
			.collect(Collectors.toSet());
		assertThat(named).isEqualTo(retryableCodes());
	}

	private static Set<String> retryableCodes() {
		return Arrays.stream(MediaError.values())
			.filter(MediaError::retryable)
			.map(MediaError::code)
			.collect(Collectors.toSet());
	}

	private static List<String> all(Pattern pattern, String text) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static List<Path> scripts() {
		try (Stream<Path> files = Files.list(staticDir().resolve("js"))) {
			return files.filter((file) -> file.toString().endsWith(".js")).map(staticDir()::relativize).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(staticDir().resolve(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path staticDir() {
		try {
			return Path.of(WebClientContractTests.class.getResource("/static").toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
