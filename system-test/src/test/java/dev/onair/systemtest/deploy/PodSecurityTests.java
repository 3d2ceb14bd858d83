package dev.onair.systemtest.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pod Security: the application's namespace enforces "restricted" and every pod in it
 * meets the profile, checked control by control as the admission would
 * ({@link RestrictedProfile}), Strimzi's pods through the Kafka templates; the media
 * namespace, which must allow the host network, holds Janus and coturn and nothing else,
 * and they break no control but the host network and its ports. On top of the profile,
 * every pod has a read-only root filesystem and no service-account token.
 */
class PodSecurityTests {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	/** Workloads of the application's namespace. */
	private static final List<String> RESTRICTED = List.of("broadcast-service", "signaling-gateway", "presence-service",
			"search-service", "media-service", "edge-web", "postgres", "redis");

	/**
	 * On the host network by design (docs/operations.md, "Janus and coturn networking"):
	 * the media namespace's only workloads.
	 */
	private static final Set<String> HOST_NETWORK = Set.of("janus", "coturn");

	/** The uid of Strimzi's images (the kubelet checks runAsNonRoot against it). */
	private static final long STRIMZI_USER = 1001;

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void theApplicationNamespaceEnforcesRestrictedAtAPinnedVersion(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		assertThat(manifests.namespaceLabels(manifests.namespaces().app()))
			.containsEntry("pod-security.kubernetes.io/enforce", "restricted")
			.containsEntry("pod-security.kubernetes.io/warn", "restricted")
			.containsEntry("pod-security.kubernetes.io/audit", "restricted")
			// Pinned: a cluster upgrade must not refuse pods at the next rollout;
			// warn and audit at latest say ahead what a newer profile would refuse.
			.containsEntry("pod-security.kubernetes.io/warn-version", "latest")
			.containsEntry("pod-security.kubernetes.io/audit-version", "latest")
			.hasEntrySatisfying("pod-security.kubernetes.io/enforce-version",
					(version) -> assertThat(version).matches("v1\\.\\d+"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void onlyJanusAndCoturnRunInTheMediaNamespaceAndOnlyThereOnTheHostNetwork(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		String media = manifests.namespaces().media();
		// Pod Security has no level between "privileged" and "baseline", which forbids
		// hostNetwork.
		assertThat(manifests.namespaceLabels(media)).containsEntry("pod-security.kubernetes.io/enforce", "privileged");
		assertThat(manifests.workloads(media).keySet()).as("workloads of " + media)
			.containsExactlyInAnyOrderElementsOf(HOST_NETWORK);
		assertThat(manifests.workloads(manifests.namespaces().app()).keySet())
			.as("workloads of " + manifests.namespaces().app())
			.containsExactlyInAnyOrderElementsOf(RESTRICTED);
		manifests.workloads()
			.forEach((name, pod) -> assertThat(Boolean.TRUE.equals(pod.getHostNetwork()))
				.as(name + " on the host network")
				.isEqualTo(HOST_NETWORK.contains(name)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyPodOfTheApplicationNamespaceMeetsTheRestrictedProfileWithAReadOnlyRoot(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		manifests.workloads(manifests.namespaces().app()).forEach((name, pod) -> {
			assertThat(RestrictedProfile.violations(pod)).as(name + " breaks Pod Security restricted").isEmpty();
			// A numeric user, so the kubelet can check runAsNonRoot before the start.
			assertThat(pod.getSecurityContext().getRunAsUser()).as(name + " runs as a numeric non-root user")
				.isPositive();
			assertHardened(name, pod);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void strimzisPodsMeetTheRestrictedProfileThroughTheKafkaTemplates(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		Map<String, Object> kafka = manifests.raw("Kafka").get(0);
		// A node pool with a template of its own ignores the Kafka one altogether.
		manifests.raw("KafkaNodePool")
			.forEach((pool) -> assertThat(Repository.at(pool, "spec.template"))
				.as(Repository.at(pool, "metadata.name") + " has no template of its own")
				.isNull());
		Map<String, List<String>> containers = Map.of("spec.kafka.template", List.of("kafkaContainer", "initContainer"),
				"spec.entityOperator.template", List.of("topicOperatorContainer", "userOperatorContainer"),
				"spec.kafkaExporter.template", List.of("container"));
		containers.forEach((template, names) -> {
			PodSpec pod = new PodSpec();
			pod.setSecurityContext(SERIALIZATION.convertValue(Repository.at(kafka, template + ".pod.securityContext"),
					PodSecurityContext.class));
			pod.setContainers(names.stream().map((name) -> {
				Container container = new Container();
				container.setName(name);
				container.setSecurityContext(SERIALIZATION.convertValue(
						Repository.at(kafka, template + "." + name + ".securityContext"), SecurityContext.class));
				return container;
			}).toList());
			assertThat(RestrictedProfile.violations(pod)).as(template + " breaks Pod Security restricted").isEmpty();
			assertThat(pod.getSecurityContext().getRunAsUser()).as(template + " keeps the image's user")
				.isIn(null, STRIMZI_USER);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void janusAndCoturnBreakNoControlButTheHostNetworkAndRunAsTheirImagesUsers(String overlay) {
		Map<String, PodSpec> workloads = Manifests.build(overlay).workloads();
		for (String name : HOST_NETWORK) {
			PodSpec pod = workloads.get(name);
			assertThat(RestrictedProfile.violations(pod)).as(name + " breaks Pod Security restricted")
				.isNotEmpty()
				.allSatisfy((violation) -> assertThat(violation.startsWith(RestrictedProfile.HOST_NAMESPACES)
						|| violation.startsWith(RestrictedProfile.HOST_PORTS))
					.as(name + " breaks only the host network controls, not " + violation)
					.isTrue());
			assertThat(pod.getHostPID()).as(name + " hostPID").isNotEqualTo(Boolean.TRUE);
			assertThat(pod.getHostIPC()).as(name + " hostIPC").isNotEqualTo(Boolean.TRUE);
			// The kubelet checks runAsNonRoot against a number: the image's own USER.
			assertThat(pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getRunAsGroup())
				.as(name + " runs as its image's user")
				.isEqualTo(imageUser(name));
			assertHardened(name, pod);
			for (Container container : pod.getContainers()) {
				assertThat(container.getPorts()).as(name + " needs no privileged port")
					.allSatisfy((port) -> assertThat(port.getContainerPort()).isGreaterThan(1024));
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void janusPodsRestartOnlyWhenAnOperatorDeletesThem(String overlay) {
		StatefulSet janus = Manifests.build(overlay).one(StatefulSet.class, "janus");
		assertThat(janus.getSpec().getUpdateStrategy().getType()).as("janus updateStrategy").isEqualTo("OnDelete");
	}

	/** The last {@code USER uid:gid} of {@code infra/<name>/Dockerfile}. */
	private static String imageUser(String name) {
		return Repository.read(Repository.ROOT.resolve("infra").resolve(name).resolve("Dockerfile"))
			.lines()
			.filter((line) -> line.startsWith("USER "))
			.reduce((first, second) -> second)
			.orElseThrow()
			.substring("USER ".length());
	}

	/**
	 * Beyond the profile: no API token, a read-only root, writable only through volumes.
	 */
	private static void assertHardened(String name, PodSpec pod) {
		assertThat(pod.getAutomountServiceAccountToken()).as(name + " mounts no API token").isFalse();
		for (Container container : RestrictedProfile.containers(pod)) {
			assertThat(container.getSecurityContext().getReadOnlyRootFilesystem())
				.as(name + " " + container.getName() + " readOnlyRootFilesystem")
				.isTrue();
			assertWritableOnlyThroughVolumes(name, pod, container);
		}
	}

	/**
	 * Writable paths are volumes of the pod (emptyDir, ConfigMap, claim), never the
	 * node's; the JVMs write to /tmp.
	 */
	private static void assertWritableOnlyThroughVolumes(String name, PodSpec pod, Container container) {
		if (ServiceModule.NAMES.contains(name)) {
			assertThat(container.getVolumeMounts()).as(name + " mounts /tmp")
				.anySatisfy((mount) -> assertThat(mount.getMountPath()).isEqualTo("/tmp"));
		}
		for (var mount : container.getVolumeMounts()) {
			Volume volume = pod.getVolumes()
				.stream()
				.filter((candidate) -> Objects.equals(candidate.getName(), mount.getName()))
				.findFirst()
				.orElse(null);
			if (volume == null) {
				// A StatefulSet's volumeClaimTemplate.
				continue;
			}
			assertThat(volume.getHostPath()).as(name + " volume " + volume.getName() + " is not a host path").isNull();
		}
	}

}
