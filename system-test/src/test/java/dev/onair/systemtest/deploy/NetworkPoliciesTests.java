package dev.onair.systemtest.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicies (plus the one Strimzi derives from the Kafka listener's
 * networkPolicyPeers) evaluated as a CNI would: for every pair of pods and port, allowed
 * only if the source's egress and the destination's ingress both allow it. Who may reach
 * Kafka, Redis and PostgreSQL follows from what each service's application.yml
 * configures.
 */
class NetworkPoliciesTests {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private static final Map<String, String> INGRESS_NAMESPACE = Map.of("kubernetes.io/metadata.name", "ingress-nginx");

	private static final Map<String, String> MONITORING_NAMESPACE = Map.of("kubernetes.io/metadata.name", "monitoring");

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyPodAcceptsAndOpensOnlyTheConnectionsItsRoleNeeds(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		Cluster cluster = new Cluster(manifests, overlay.equals("prod") ? "onair" : "onair-dev");
		Map<String, Pod> sources = new LinkedHashMap<>();
		Map<String, Pod> destinations = new LinkedHashMap<>();
		for (ServiceModule module : ServiceModule.all()) {
			Pod pod = cluster.ours(module.name(), module.port(), "http");
			sources.put(module.name(), pod);
			destinations.put(module.name(), pod);
			if (module.managementPort() != module.port()) {
				destinations.put(module.name() + " management",
						cluster.ours(module.name(), module.managementPort(), "management"));
			}
		}
		sources.put("ingress-nginx", new Pod(INGRESS_NAMESPACE, Map.of("app.kubernetes.io/name", "ingress-nginx"), 0));
		sources.put("prometheus", new Pod(MONITORING_NAMESPACE, Map.of("app.kubernetes.io/name", "prometheus"), 0));
		// Anything else started in the namespace (a debug pod, a compromised image).
		sources.put("stranger", new Pod(cluster.namespaceLabels, Map.of("app", "debug"), 0));
		destinations.put("kafka", new Pod(cluster.namespaceLabels,
				Map.of("strimzi.io/cluster", "onair", "strimzi.io/broker-role", "true", "strimzi.io/kind", "Kafka"),
				9093));
		destinations.put("redis", cluster.ours("redis", 6379, "redis"));
		destinations.put("postgres", cluster.ours("postgres", 5432, "postgres"));
		destinations.put("kafka-exporter", new Pod(cluster.namespaceLabels,
				Map.of("strimzi.io/name", "onair-kafka-exporter"), 9404, "tcp-prometheus"));

		Set<String> expected = new TreeSet<>();
		for (String page : List.of("edge-web", "signaling-gateway")) {
			expected.add("ingress-nginx -> " + page);
		}
		for (String api : List.of("broadcast-service", "presence-service", "search-service", "signaling-gateway")) {
			expected.add("edge-web -> " + api);
		}
		for (ServiceModule module : ServiceModule.all()) {
			// Prometheus scrapes the actuator, on its own port where it has one.
			expected.add("prometheus -> " + module.name()
					+ ((module.managementPort() != module.port()) ? " management" : ""));
			Map<String, Object> config = Repository
				.yaml(Repository.ROOT.resolve(module.name()).resolve("src/main/resources/application.yml"));
			if (Repository.at(config, "spring.kafka") != null) {
				expected.add(module.name() + " -> kafka");
			}
			if (Repository.at(config, "spring.data.redis") != null) {
				expected.add(module.name() + " -> redis");
			}
			if (Repository.at(config, "spring.r2dbc") != null) {
				expected.add(module.name() + " -> postgres");
			}
		}
		expected.add("prometheus -> kafka-exporter");

		Set<String> allowed = new TreeSet<>();
		sources.forEach((from, source) -> destinations.forEach((to, destination) -> {
			if (!from.equals(to)
					&& cluster.allows(source, destination, "TCP", destination.port(), destination.portName())) {
				allowed.add(from + " -> " + to);
			}
		}));
		assertThat(allowed).as("connections the policies allow").containsExactlyInAnyOrderElementsOf(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void onlyMediaServiceReachesTheJanusApiOnTheMediaNodes(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		Cluster cluster = new Cluster(manifests, "onair");
		// Janus is on the host network: the destination is a media node's address.
		String[] peers = manifests.one(io.fabric8.kubernetes.api.model.ConfigMap.class, "onair-config")
			.getData()
			.get("TURN_ALLOWED_PEERS")
			.split("[ -]");
		for (ServiceModule module : ServiceModule.all()) {
			Pod source = cluster.ours(module.name(), module.port(), "http");
			assertThat(cluster.egressToAddress(source, peers[0], 8188))
				.as(module.name() + " reaches the Janus API on " + peers[0])
				.isEqualTo(module.name().equals("media-service"));
			assertThat(cluster.egressToAddress(source, "169.254.169.254", 80))
				.as(module.name() + " reaches the cloud metadata service")
				.isFalse();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyOnAirPodResolvesNamesThroughClusterDns(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		Cluster cluster = new Cluster(manifests, "onair");
		Pod dns = new Pod(Map.of("kubernetes.io/metadata.name", "kube-system"), Map.of("k8s-app", "kube-dns"), 53);
		for (String name : manifests.workloads().keySet()) {
			assertThat(cluster.egressAllows(cluster.ours(name, 0, null), dns, "UDP", 53, null)).as(name + " DNS")
				.isTrue();
		}
	}

	/**
	 * A pod as a policy sees it: its namespace's labels, its labels, and the port (number
	 * and name) a connection to it asks for.
	 */
	private record Pod(Map<String, String> namespaceLabels, Map<String, String> labels, int port, String portName) {

		Pod(Map<String, String> namespaceLabels, Map<String, String> labels, int port) {
			this(namespaceLabels, labels, port, null);
		}

	}

	/** The overlay's policies and Strimzi's listener policy, in one namespace. */
	private static final class Cluster {

		private final Map<String, String> namespaceLabels;

		private final List<NetworkPolicy> policies = new ArrayList<>();

		private final Manifests manifests;

		Cluster(Manifests manifests, String namespace) {
			this.manifests = manifests;
			this.namespaceLabels = Map.of("kubernetes.io/metadata.name", namespace);
			this.policies.addAll(manifests.all(NetworkPolicy.class));
			this.policies.add(strimziListenerPolicy(manifests));
		}

		/** What Strimzi makes of the listener's networkPolicyPeers. */
		private static NetworkPolicy strimziListenerPolicy(Manifests manifests) {
			Map<String, Object> kafka = manifests.raw("Kafka").get(0);
			List<?> listeners = Kustomize.list(Repository.at(kafka, "spec.kafka.listeners"));
			assertThat(listeners).as("Kafka listeners").singleElement();
			Map<String, Object> listener = Kustomize.map(listeners.get(0));
			Map<String, Object> policy = Map.of("metadata", Map.of("name", "strimzi-listener"), "spec",
					Map.of("podSelector",
							Map.of("matchLabels", Map.of("strimzi.io/cluster", "onair", "strimzi.io/kind", "Kafka")),
							"policyTypes", List.of("Ingress"), "ingress",
							List.of(Map.of("from", listener.get("networkPolicyPeers"), "ports",
									List.of(Map.of("protocol", "TCP", "port", listener.get("port")))))));
			return SERIALIZATION.convertValue(policy, NetworkPolicy.class);
		}

		Pod ours(String workload, int port, String portName) {
			Map<String, String> labels = new LinkedHashMap<>();
			this.manifests.resources()
				.stream()
				.filter((resource) -> workload.equals(Repository.at(resource, "metadata.name"))
						&& Repository.at(resource, "spec.template.metadata.labels") != null)
				.findFirst()
				.ifPresent((resource) -> Kustomize.map(Repository.at(resource, "spec.template.metadata.labels"))
					.forEach((key, value) -> labels.put(key, value.toString())));
			assertThat(labels).as(workload + " pod labels").isNotEmpty();
			return new Pod(this.namespaceLabels, labels, port, portName);
		}

		boolean allows(Pod source, Pod destination, String protocol, int port, String portName) {
			return egressAllows(source, destination, protocol, port, portName)
					&& ingressAllows(destination, source, protocol, port, portName);
		}

		boolean egressAllows(Pod source, Pod destination, String protocol, int port, String portName) {
			List<NetworkPolicy> isolating = selecting(source, "Egress");
			return !isOurs(source) || isolating.isEmpty()
					|| isolating.stream()
						.flatMap((policy) -> policy.getSpec().getEgress().stream())
						.anyMatch((rule) -> ports(rule.getPorts(), protocol, port, portName)
								&& peers(rule.getTo(), source, destination));
		}

		boolean egressToAddress(Pod source, String address, int port) {
			return selecting(source, "Egress").stream()
				.flatMap((policy) -> policy.getSpec().getEgress().stream())
				.anyMatch((rule) -> ports(rule.getPorts(), "TCP", port, null) && rule.getTo()
					.stream()
					.anyMatch((peer) -> peer.getIpBlock() != null && inCidr(address, peer.getIpBlock().getCidr())));
		}

		private boolean ingressAllows(Pod destination, Pod source, String protocol, int port, String portName) {
			List<NetworkPolicy> isolating = selecting(destination, "Ingress");
			return isolating.isEmpty() || isolating.stream()
				.flatMap((policy) -> policy.getSpec().getIngress().stream())
				.anyMatch((rule) -> ports(rule.getPorts(), protocol, port, portName)
						&& peers(rule.getFrom(), destination, source));
		}

		/** Only pods in this namespace are isolated by these policies. */
		private boolean isOurs(Pod pod) {
			return pod.namespaceLabels().equals(this.namespaceLabels);
		}

		private List<NetworkPolicy> selecting(Pod pod, String type) {
			if (!isOurs(pod)) {
				return List.of();
			}
			return this.policies.stream()
				.filter((policy) -> policy.getSpec().getPolicyTypes().contains(type))
				.filter((policy) -> matches(policy.getSpec().getPodSelector(), pod.labels()))
				.toList();
		}

		private boolean peers(List<NetworkPolicyPeer> peers, Pod self, Pod other) {
			if (peers == null || peers.isEmpty()) {
				return true;
			}
			return peers.stream().anyMatch((peer) -> {
				if (peer.getIpBlock() != null) {
					// Pods are not addressed by CIDR here; ipBlocks are for host-network
					// nodes.
					return false;
				}
				boolean namespace = (peer.getNamespaceSelector() == null)
						? other.namespaceLabels().equals(self.namespaceLabels())
						: matches(peer.getNamespaceSelector(), other.namespaceLabels());
				return namespace && (peer.getPodSelector() == null || matches(peer.getPodSelector(), other.labels()));
			});
		}

		private static boolean ports(List<NetworkPolicyPort> ports, String protocol, int port, String portName) {
			if (ports == null || ports.isEmpty()) {
				return true;
			}
			return ports.stream().anyMatch((candidate) -> {
				String candidateProtocol = Objects.requireNonNullElse(candidate.getProtocol(), "TCP");
				IntOrString value = candidate.getPort();
				if (!candidateProtocol.equals(protocol)) {
					return false;
				}
				if (value == null) {
					return true;
				}
				if (value.getStrVal() != null) {
					return value.getStrVal().equals(portName);
				}
				int end = Objects.requireNonNullElse(candidate.getEndPort(), value.getIntVal());
				return value.getIntVal() <= port && port <= end;
			});
		}

		private static boolean matches(LabelSelector selector, Map<String, String> labels) {
			assertThat(selector.getMatchExpressions()).as("selectors use matchLabels only").isNullOrEmpty();
			Map<String, String> wanted = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
			return labels.entrySet().containsAll(wanted.entrySet());
		}

		private static boolean inCidr(String address, String cidr) {
			String[] parts = cidr.split("/");
			int bits = Integer.parseInt(parts[1]);
			long mask = (bits == 0) ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
			return (ipv4(address) & mask) == (ipv4(parts[0]) & mask);
		}

		private static long ipv4(String address) {
			long value = 0;
			for (String octet : address.split("\\.")) {
				value = (value << 8) | Integer.parseInt(octet);
			}
			return value;
		}

	}

}
