package dev.onair.systemtest.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of kustomize our manifests use, so the tests need no {@code kubectl}:
 * resources (files and kustomization folders), {@code namespace}, {@code images}
 * (newName/newTag; a Namespace resource takes the namespace's name), strategic-merge
 * {@code patches} (maps merge, lists of named items merge by name, other values replace)
 * and a {@code configMapGenerator} of files without a name hash. A {@code namespace} is
 * applied after the folder's resources are built, so it overrides whatever namespace a
 * kustomization below set: the overlays therefore set none and leave each base (or a
 * wrapper of one) to name its own. Anything else in a kustomization fails the build, so
 * the manifests cannot drift beyond what is checked; {@code KustomizeTests} compares the
 * result with kubectl's where it is installed.
 */
final class Kustomize {

	private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images",
			"patches", "configMapGenerator");

	private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
			"CustomResourceDefinition", "StorageClass");

	private Kustomize() {
	}

	/** The resources {@code kubectl kustomize dir} would print, as maps. */
	static List<Map<String, Object>> build(Path dir) {
		Map<String, Object> kustomization = Repository.yaml(dir.resolve("kustomization.yaml"));
		Set<String> unsupported = new TreeSet<>(kustomization.keySet());
		unsupported.removeAll(SUPPORTED);
		if (!unsupported.isEmpty()) {
			throw new IllegalStateException(dir + " uses kustomize features these tests do not model: " + unsupported);
		}
		List<Map<String, Object>> resources = new ArrayList<>();
		for (Object entry : list(kustomization.get("resources"))) {
			Path path = dir.resolve(entry.toString()).normalize();
			resources.addAll(Files.isDirectory(path) ? build(path) : Repository.yamlDocuments(path));
		}
		for (Object generator : list(kustomization.get("configMapGenerator"))) {
			resources.add(generatedConfigMap(dir, map(generator)));
		}
		for (Object patch : list(kustomization.get("patches"))) {
			for (Map<String, Object> document : Repository
				.yamlDocuments(dir.resolve(map(patch).get("path").toString()))) {
				merge(find(resources, document), document);
			}
		}
		Object namespace = kustomization.get("namespace");
		if (namespace != null) {
			resources.stream()
				.filter((resource) -> !CLUSTER_SCOPED.contains(resource.get("kind")))
				.forEach((resource) -> map(resource.get("metadata")).put("namespace", namespace));
			// kustomize renames a Namespace resource to the namespace it sets.
			resources.stream()
				.filter((resource) -> "Namespace".equals(resource.get("kind")))
				.forEach((resource) -> map(resource.get("metadata")).put("name", namespace));
		}
		for (Object image : list(kustomization.get("images"))) {
			resources.forEach((resource) -> retag(resource, map(image)));
		}
		return resources;
	}

	private static Map<String, Object> generatedConfigMap(Path dir, Map<String, Object> generator) {
		Map<String, Object> options = map(generator.getOrDefault("options", Map.of()));
		if (!Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
			throw new IllegalStateException(
					"configMapGenerator " + generator.get("name") + " must disable the name hash");
		}
		Map<String, Object> data = new LinkedHashMap<>();
		for (Object file : list(generator.get("files"))) {
			Path path = dir.resolve(file.toString());
			data.put(path.getFileName().toString(), Repository.read(path));
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("name", generator.get("name"));
		metadata.put("labels", new LinkedHashMap<>(map(options.getOrDefault("labels", Map.of()))));
		Map<String, Object> configMap = new LinkedHashMap<>();
		configMap.put("apiVersion", "v1");
		configMap.put("kind", "ConfigMap");
		configMap.put("metadata", metadata);
		configMap.put("data", data);
		return configMap;
	}

	/**
	 * The one resource a patch targets: same kind and name, and the same namespace if the
	 * patch names one. Like kustomize, a name that two namespaces hold (each namespace's
	 * {@code default-deny-ingress}) is ambiguous without one.
	 */
	private static Map<String, Object> find(List<Map<String, Object>> resources, Map<String, Object> patch) {
		Object kind = patch.get("kind");
		Object name = map(patch.get("metadata")).get("name");
		Object namespace = map(patch.get("metadata")).get("namespace");
		List<Map<String, Object>> targets = resources.stream()
			.filter((resource) -> kind.equals(resource.get("kind"))
					&& name.equals(map(resource.get("metadata")).get("name"))
					&& (namespace == null || namespace.equals(map(resource.get("metadata")).get("namespace"))))
			.toList();
		if (targets.size() != 1) {
			throw new IllegalStateException("patch " + kind + "/" + name + " must target one resource, targets "
					+ targets.size() + ((namespace != null) ? " in " + namespace : ""));
		}
		return targets.get(0);
	}

	/** Strategic merge as far as our patches need it. */
	@SuppressWarnings("unchecked")
	static void merge(Map<String, Object> target, Map<String, Object> patch) {
		patch.forEach((key, value) -> {
			Object current = target.get(key);
			if (current instanceof Map && value instanceof Map) {
				merge((Map<String, Object>) current, (Map<String, Object>) value);
			}
			else if (current instanceof List<?> items && value instanceof List<?> patches && named(items)
					&& named(patches)) {
				mergeByName((List<Object>) items, (List<Object>) patches);
			}
			else {
				target.put(key, value);
			}
		});
	}

	private static void mergeByName(List<Object> items, List<Object> patches) {
		for (Object patch : patches) {
			Object name = map(patch).get("name");
			items.stream()
				.filter((item) -> name.equals(map(item).get("name")))
				.findFirst()
				.ifPresentOrElse((item) -> merge(map(item), map(patch)), () -> items.add(patch));
		}
	}

	private static boolean named(List<?> items) {
		return !items.isEmpty()
				&& items.stream().allMatch((item) -> item instanceof Map<?, ?> m && m.containsKey("name"));
	}

	private static void retag(Map<String, Object> resource, Map<String, Object> image) {
		Object podSpec = Repository.at(resource, "spec.template.spec");
		if (podSpec == null) {
			return;
		}
		for (String field : List.of("containers", "initContainers")) {
			for (Object container : list(map(podSpec).get(field))) {
				String reference = map(container).get("image").toString();
				int colon = reference.lastIndexOf(':');
				boolean tagged = colon > reference.lastIndexOf('/');
				String name = tagged ? reference.substring(0, colon) : reference;
				if (name.equals(image.get("name"))) {
					String newName = image.getOrDefault("newName", name).toString();
					Object newTag = image.getOrDefault("newTag", tagged ? reference.substring(colon + 1) : null);
					map(container).put("image", (newTag != null) ? newName + ":" + newTag : newName);
				}
			}
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	static List<?> list(Object value) {
		return (value != null) ? (List<?>) value : List.of();
	}

}
