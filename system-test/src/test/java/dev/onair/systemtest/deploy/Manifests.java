package dev.onair.systemtest.deploy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One overlay as kustomize builds it, with typed access through the fabric8 model.
 */
record Manifests(List<Map<String, Object>> resources) {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	static Manifests build(String overlay) {
		return new Manifests(Kustomize.build(Repository.ROOT.resolve("k8s/overlays").resolve(overlay)));
	}

	List<Map<String, Object>> raw(String kind) {
		return this.resources.stream().filter((resource) -> kind.equals(resource.get("kind"))).toList();
	}

	<T> List<T> all(Class<T> type) {
		return raw(type.getSimpleName()).stream()
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

	/** Pod specs of every Deployment and StatefulSet, by name. */
	Map<String, PodSpec> workloads() {
		Map<String, PodSpec> pods = new TreeMap<>();
		all(Deployment.class).forEach((d) -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
		all(StatefulSet.class).forEach((s) -> pods.put(s.getMetadata().getName(), s.getSpec().getTemplate().getSpec()));
		return pods;
	}

}
