package dev.onair.systemtest.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/** The checkout these tests run in, and YAML as plain maps. */
final class Repository {

	/**
	 * Surefire runs in the module folder; the repository root holds the ./onair script.
	 */
	static final Path ROOT = locateRoot();

	private Repository() {
	}

	private static Path locateRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isRegularFile(dir.resolve("onair"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException(
					"not inside an OnAir checkout: no ./onair above " + Path.of("").toAbsolutePath());
		}
		return dir;
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every non-empty document of a YAML file, as maps. */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> yamlDocuments(Path file) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml().loadAll(read(file))) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	static Map<String, Object> yaml(Path file) {
		List<Map<String, Object>> documents = yamlDocuments(file);
		if (documents.size() != 1) {
			throw new IllegalStateException(file + " should hold one YAML document, has " + documents.size());
		}
		return documents.get(0);
	}

	/** The value at a dotted path of nested maps, or null. */
	@SuppressWarnings("unchecked")
	static Object at(Map<String, Object> map, String path) {
		Object value = map;
		for (String key : path.split("\\.")) {
			if (!(value instanceof Map)) {
				return null;
			}
			value = ((Map<String, Object>) value).get(key);
		}
		return value;
	}

}
