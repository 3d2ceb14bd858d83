package dev.onair.systemtest.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The tests' {@link Kustomize} against the real one, where kubectl is installed: both
 * overlays must render, and to the same resources with the same content. This is what
 * proves the model's namespace handling (each base's own namespace, dev's renaming
 * wrappers, Namespace objects renamed) is kustomize's.
 */
class KustomizeTests {

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void theModelRendersWhatKubectlKustomizeRenders(String overlay) throws IOException, InterruptedException {
		Path kubectl = onPath("kubectl");
		// CI has kubectl (the machine image brings it): there a missing one fails; a
		// developer's machine without it skips the comparison.
		assertThat(kubectl != null || !"true".equals(System.getenv("CI")))
			.as("kubectl on the PATH (CI=true: the comparison must run)")
			.isTrue();
		assumeTrue(kubectl != null, "kubectl is not installed: the model is compared with it where it is");
		Path dir = Repository.ROOT.resolve("k8s/overlays").resolve(overlay);
		Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		String rendered = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finishes").isTrue();
		assertThat(process.exitValue()).as("kubectl kustomize " + dir + " renders").isZero();
		Map<String, Object> expected = new TreeMap<>();
		for (Object document : new Yaml().loadAll(rendered)) {
			if (document != null) {
				expected.put(id(Kustomize.map(document)), document);
			}
		}
		Map<String, Object> actual = new TreeMap<>();
		List<Map<String, Object>> model = Kustomize.build(dir);
		model.forEach((resource) -> actual.put(id(resource), resource));
		assertThat(actual).as("resources by kind/namespace/name").hasSameSizeAs(model);
		assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
		expected.forEach((id, resource) -> assertThat(actual.get(id)).as(id).isEqualTo(resource));
	}

	private static String id(Map<String, Object> resource) {
		return resource.get("kind") + "/" + Repository.at(resource, "metadata.namespace") + "/"
				+ Repository.at(resource, "metadata.name");
	}

	private static Path onPath(String command) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(dir).resolve(command);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

}
