package dev.onair.media.replies;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.onair.contract.signal.MediaError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's table of error codes lists every media error media-service sends, and no
 * other, with "yes" in its retry column exactly for the retryable ones.
 */
class MediaErrorsDocumentedTests {

	private static final Pattern CODE = Pattern.compile("`(media\\.[a-z-]+)`");

	@Test
	void readmeTableListsEveryMediaErrorAndWhichAreRetryable() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		String section = readme.substring(readme.indexOf("## Error codes"));
		List<String> rows = section.substring(0, section.indexOf("\n## "))
			.lines()
			.filter((line) -> line.startsWith("| `media."))
			.toList();
		assertThat(codes(rows)).isEqualTo(codes(MediaError.values()));
		assertThat(codes(rows.stream().filter((row) -> row.split("\\|")[2].trim().startsWith("yes")).toList()))
			.isEqualTo(
					codes(Arrays.stream(MediaError.values()).filter(MediaError::retryable).toArray(MediaError[]::new)));
	}

	private static Set<String> codes(List<String> rows) {
		return rows.stream()
			.flatMap((row) -> CODE.matcher(row.split("\\|")[1]).results())
			.map((match) -> match.group(1))
			.collect(Collectors.toSet());
	}

	private static Set<String> codes(MediaError... errors) {
		return Arrays.stream(errors).map(MediaError::code).collect(Collectors.toSet());
	}

}
