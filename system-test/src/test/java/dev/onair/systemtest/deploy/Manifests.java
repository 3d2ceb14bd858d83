package dev.onair.systemtest.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One overlay as kustomize builds it, with typed access through the fabric8 model, and
 * the overlay's two namespaces.
 */
record Manifests(Namespaces namespaces, List<Map<String, Object>> resources) {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	static Manifests build(String overlay) {
		return new Manifests(Namespaces.of(overlay),
				Kustomize.build(Repository.ROOT.resolve("k8s/overlays").resolve(overlay)));
	}

	/**
	 * The application's namespace (Pod Security "restricted": the services, Kafka,
	 * PostgreSQL, Redis) and the media namespace (Janus and coturn on the host network).
	 */
	record Namespaces(String app, String media) {

		static Namespaces of(String overlay) {
			return overlay.equals("prod") ? new Namespaces("onair", "onair-media")
					: new Namespaces("onair-dev", "onair-dev-media");
		}

		List<String> both() {
			return List.of(this.app, this.media);
		}

	}

	/** The namespace a resource lands in (for a Namespace, its own name). */
	static String namespaceOf(Map<String, Object> resource) {
		String field = "Namespace".equals(resource.get("kind")) ? "metadata.name" : "metadata.namespace";
		return (String) Repository.at(resource, field);
	}

	/** The labels of a rendered Namespace, with the one the API server adds to each. */
	Map<String, String> namespaceLabels(String namespace) {
		Map<String, Object> resource = raw("Namespace").stream()
			.filter((candidate) -> namespace.equals(namespaceOf(candidate)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no Namespace " + namespace));
		Map<String, String> labels = new TreeMap<>();
		Kustomize.map(Objects.requireNonNullElse(Repository.at(resource, "metadata.labels"), Map.of()))
			.forEach((key, value) -> labels.put(key, value.toString()));
		labels.put("kubernetes.io/metadata.name", namespace);
		return labels;
	}

	List<Map<String, Object>> raw(String kind) {
		return this.resources.stream().filter((resource) -> kind.equals(resource.get("kind"))).toList();
	}

	<T> List<T> all(Class<T> type) {
		return raw(type.getSimpleName()).stream()
			.map((resource) -> SERIALIZATION.convertValue(resource, type))
			.toList();
	}

	<T> List<T> all(Class<T> type, String namespace) {
		return raw(type.getSimpleName()).stream()
			.filter((resource) -> namespace.equals(namespaceOf(resource)))
			.map((resource) -> SERIALIZATION.convertValue(resource, type))
			.toList();
	}

	<T> T one(Class<T> type, String name) {
		return raw(type.getSimpleName()).stream()
			.filter((resource) -> name.equals(Repository.at(resource, "metadata.name")))
			.map((resource) -> SERIALIZATION.convertValue(resource, type))
			.reduce((a, b) -> {
				throw new AssertionError("two " + type.getSimpleName() + " named " + name);
			})
			.orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
	}

	Container container(String deployment) {
		List<Container> containers = one(Deployment.class, deployment).getSpec()
			.getTemplate()
			.getSpec()
			.getContainers();
		assertThat(containers).as(deployment + " containers").hasSize(1);
		return containers.get(0);
	}

	/**
	 * Pod specs of every Deployment and StatefulSet, by name (unique across namespaces).
	 */
	Map<String, PodSpec> workloads() {
		Map<String, PodSpec> pods = new TreeMap<>();
		this.namespaces.both()
			.forEach((namespace) -> workloads(namespace).forEach(
					(name, pod) -> assertThat(pods.put(name, pod)).as("a second workload named " + name).isNull()));
		return pods;
	}

	/** Pod specs of the Deployments and StatefulSets of one namespace, by name. */
	Map<String, PodSpec> workloads(String namespace) {
		Map<String, PodSpec> pods = new TreeMap<>();
		all(Deployment.class, namespace)
			.forEach((d) -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
		all(StatefulSet.class, namespace)
			.forEach((s) -> pods.put(s.getMetadata().getName(), s.getSpec().getTemplate().getSpec()));
		return pods;
	}

}
