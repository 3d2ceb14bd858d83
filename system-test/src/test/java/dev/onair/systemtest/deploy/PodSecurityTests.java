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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pod's securityContext: the six services, PostgreSQL and Redis meet Pod Security
 * "restricted" plus a read-only root filesystem; Janus and coturn need the host network
 * (which no Pod Security level but "privileged" allows) and hold to the rest as far as
 * their images let them. The namespace warns and audits against "restricted".
 */
class PodSecurityTests {

	/** Workloads that must meet "restricted" in full. */
	private static final List<String> RESTRICTED = List.of("broadcast-service", "signaling-gateway", "presence-service",
			"search-service", "media-service", "edge-web", "postgres", "redis");

	/**
	 * On the host network by design (docs/operations.md, "Janus and coturn networking").
	 */
	private static final Set<String> HOST_NETWORK = Set.of("janus", "coturn");

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void servicesPostgresAndRedisMeetTheRestrictedProfileWithAReadOnlyRoot(String overlay) {
		Map<String, PodSpec> workloads = Manifests.build(overlay).workloads();
		assertThat(workloads.keySet()).containsAll(RESTRICTED);
		for (String name : RESTRICTED) {
			PodSpec pod = workloads.get(name);
			PodSecurityContext podContext = pod.getSecurityContext();
			assertThat(pod.getHostNetwork()).as(name + " hostNetwork").isNotEqualTo(Boolean.TRUE);
			assertThat(podContext).as(name + " pod securityContext").isNotNull();
			assertThat(podContext.getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
			assertThat(podContext.getRunAsUser()).as(name + " runs as a numeric non-root user").isPositive();
			assertThat(podContext.getSeccompProfile().getType()).as(name + " seccomp").isEqualTo("RuntimeDefault");
			assertThat(pod.getAutomountServiceAccountToken()).as(name + " mounts no API token").isFalse();
			for (Container container : pod.getContainers()) {
				assertLockedDown(name, container.getSecurityContext());
				assertWritableOnlyThroughVolumes(name, pod, container);
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void janusAndCoturnAreTheOnlyHostNetworkPodsAndAreLockedDownOtherwise(String overlay) {
		Map<String, PodSpec> workloads = Manifests.build(overlay).workloads();
		workloads.forEach(
				(name, pod) -> assertThat(Boolean.TRUE.equals(pod.getHostNetwork())).as(name + " on the host network")
					.isEqualTo(HOST_NETWORK.contains(name)));
		for (String name : HOST_NETWORK) {
			PodSpec pod = workloads.get(name);
			assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name + " seccomp")
				.isEqualTo("RuntimeDefault");
			// The kubelet checks runAsNonRoot against a number: the image's own USER.
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
			assertThat(pod.getSecurityContext().getRunAsUser() + ":" + pod.getSecurityContext().getRunAsGroup())
				.as(name + " runs as its image's user")
				.isEqualTo(imageUser(name));
			assertThat(pod.getAutomountServiceAccountToken()).as(name + " mounts no API token").isFalse();
			for (Container container : pod.getContainers()) {
				assertLockedDown(name, container.getSecurityContext());
				assertWritableOnlyThroughVolumes(name, pod, container);
				assertThat(container.getPorts()).as(name + " needs no privileged port")
					.allSatisfy((port) -> assertThat(port.getContainerPort()).isGreaterThan(1024));
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void theNamespaceWarnsAndAuditsAgainstRestricted(String overlay) {
		Map<String, Object> namespace = Manifests.build(overlay).raw("Namespace").get(0);
		Map<String, Object> labels = Kustomize.map(Repository.at(namespace, "metadata.labels"));
		assertThat(labels).containsEntry("pod-security.kubernetes.io/warn", "restricted")
			.containsEntry("pod-security.kubernetes.io/audit", "restricted")
			// Janus and coturn share the namespace and need hostNetwork: see
			// namespace.yaml.
			.containsEntry("pod-security.kubernetes.io/enforce", "privileged");
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

	private static void assertLockedDown(String name, SecurityContext context) {
		assertThat(context).as(name + " container securityContext").isNotNull();
		assertThat(context.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
		assertThat(context.getCapabilities().getDrop()).as(name + " drops every capability").containsExactly("ALL");
		assertThat(context.getCapabilities().getAdd()).as(name + " adds no capability").isNullOrEmpty();
		assertThat(context.getPrivileged()).as(name + " privileged").isNotEqualTo(Boolean.TRUE);
		assertThat(context.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
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
