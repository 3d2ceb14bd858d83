package dev.onair.systemtest.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.AppArmorProfile;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SELinuxOptions;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The Pod Security Standards' "restricted" profile (which includes "baseline"), as the
 * API server's admission evaluates a pod spec: one entry per control a pod breaks, named
 * as in the standard (kubernetes.io/docs/concepts/security/pod-security-standards), so a
 * test can say which controls a pod may break and no others. Windows-only fields are not
 * modelled: every OnAir pod is Linux.
 */
final class RestrictedProfile {

	static final String HOST_NAMESPACES = "Host Namespaces";

	static final String HOST_PORTS = "Host Ports";

	private static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
			"persistentVolumeClaim", "projected", "secret");

	private static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
			"net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
			"net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
			"net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

	private static final Set<String> SELINUX_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t",
			"container_engine_t");

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private RestrictedProfile() {
	}

	/** The controls {@code pod} breaks, each with what breaks it; empty if it passes. */
	static List<String> violations(PodSpec pod) {
		List<String> violations = new ArrayList<>();
		PodSecurityContext podContext = Objects.requireNonNullElseGet(pod.getSecurityContext(),
				PodSecurityContext::new);
		if (isTrue(pod.getHostNetwork()) || isTrue(pod.getHostPID()) || isTrue(pod.getHostIPC())) {
			violations.add(HOST_NAMESPACES + ": hostNetwork/hostPID/hostIPC");
		}
		for (Volume volume : orEmpty(pod.getVolumes())) {
			Set<String> types = new TreeSet<>(SERIALIZATION.convertValue(volume, Map.class).keySet());
			types.remove("name");
			if (!VOLUME_TYPES.containsAll(types)) {
				violations.add("Volume Types: " + volume.getName() + " is " + types);
			}
		}
		orEmpty(podContext.getSysctls()).stream()
			.filter((sysctl) -> !SAFE_SYSCTLS.contains(sysctl.getName()))
			.forEach((sysctl) -> violations.add("Sysctls: " + sysctl.getName()));
		checkRunAs("pod", podContext.getRunAsUser(), podContext.getSeLinuxOptions(), podContext.getAppArmorProfile(),
				podContext.getSeccompProfile(), violations);
		boolean podNonRoot = isTrue(podContext.getRunAsNonRoot());
		boolean podSeccomp = confined(podContext.getSeccompProfile());
		for (Container container : containers(pod)) {
			String name = "container " + container.getName();
			SecurityContext context = Objects.requireNonNullElseGet(container.getSecurityContext(),
					SecurityContext::new);
			if (isTrue(context.getPrivileged())) {
				violations.add("Privileged Containers: " + name);
			}
			for (ContainerPort port : orEmpty(container.getPorts())) {
				// On the host network every container port is a port of the node.
				if ((port.getHostPort() != null && port.getHostPort() != 0) || isTrue(pod.getHostNetwork())) {
					violations.add(HOST_PORTS + ": " + name + " " + port.getContainerPort());
				}
			}
			if (context.getProcMount() != null && !"Default".equals(context.getProcMount())) {
				violations.add("/proc Mount Type: " + name);
			}
			checkRunAs(name, context.getRunAsUser(), context.getSeLinuxOptions(), context.getAppArmorProfile(),
					context.getSeccompProfile(), violations);
			if (!isFalse(context.getAllowPrivilegeEscalation())) {
				violations.add("Privilege Escalation: " + name + " does not set allowPrivilegeEscalation false");
			}
			if (context.getRunAsNonRoot() != null ? !context.getRunAsNonRoot() : !podNonRoot) {
				violations.add("Running as Non-root: " + name);
			}
			if (context.getSeccompProfile() != null ? !confined(context.getSeccompProfile()) : !podSeccomp) {
				violations.add("Seccomp: " + name + " has neither RuntimeDefault nor Localhost");
			}
			Capabilities capabilities = Objects.requireNonNullElseGet(context.getCapabilities(), Capabilities::new);
			if (!orEmpty(capabilities.getDrop()).contains("ALL")) {
				violations.add("Capabilities: " + name + " does not drop ALL");
			}
			orEmpty(capabilities.getAdd()).stream()
				.filter((capability) -> !"NET_BIND_SERVICE".equals(capability))
				.forEach((capability) -> violations.add("Capabilities: " + name + " adds " + capability));
		}
		return violations;
	}

	/**
	 * The containers of a pod spec: init and regular (ephemeral ones are added later, by
	 * {@code kubectl debug}, and checked by the admission then).
	 */
	static List<Container> containers(PodSpec pod) {
		return Stream.of(orEmpty(pod.getInitContainers()), orEmpty(pod.getContainers())).flatMap(List::stream).toList();
	}

	private static void checkRunAs(String what, Long runAsUser, SELinuxOptions seLinux, AppArmorProfile appArmor,
			SeccompProfile seccomp, List<String> violations) {
		if (runAsUser != null && runAsUser == 0) {
			violations.add("Running as Non-root user: " + what + " runAsUser 0");
		}
		if (seLinux != null && (seLinux.getUser() != null || seLinux.getRole() != null
				|| (seLinux.getType() != null && !SELINUX_TYPES.contains(seLinux.getType())))) {
			violations.add("SELinux: " + what);
		}
		if (appArmor != null && "Unconfined".equals(appArmor.getType())) {
			violations.add("AppArmor: " + what + " unconfined");
		}
		if (seccomp != null && "Unconfined".equals(seccomp.getType())) {
			violations.add("Seccomp: " + what + " unconfined");
		}
	}

	private static boolean confined(SeccompProfile profile) {
		return profile != null && Set.of("RuntimeDefault", "Localhost").contains(profile.getType());
	}

	private static <T> List<T> orEmpty(List<T> values) {
		return (values != null) ? values : List.of();
	}

	private static boolean isTrue(Boolean value) {
		return Boolean.TRUE.equals(value);
	}

	private static boolean isFalse(Boolean value) {
		return Boolean.FALSE.equals(value);
	}

}
