package dev.onair.systemtest.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicies of both namespaces (plus the one Strimzi derives from the Kafka
 * listener's networkPolicyPeers) evaluated as a CNI would: for every pair of pods and
 * port, allowed only if the source's egress and the destination's ingress both allow it,
 * each policy applying to pods of its own namespace and its peers' selectors to pods of
 * the namespaces they select. Who may reach Kafka, Redis and PostgreSQL follows from what
 * each service's application.yml configures; Janus and coturn, on the host network, are
 * matched by their node addresses where a policy names them and are taken to be isolated
 * by their own policies, as where host policies enforce them.
 */
class NetworkPoliciesTests {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private static final Map<String, String> INGRESS_NAMESPACE = Map.of("kubernetes.io/metadata.name", "ingress-nginx");

	private static final Map<String, String> MONITORING_NAMESPACE = Map.of("kubernetes.io/metadata.name", "monitoring");

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyPodAcceptsAndOpensOnlyTheConnectionsItsRoleNeeds(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		Cluster cluster = new Cluster(manifests);
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
		sources.put("ingress-nginx",
				Pod.external(INGRESS_NAMESPACE, Map.of("app.kubernetes.io/name", "ingress-nginx")));
		sources.put("prometheus", Pod.external(MONITORING_NAMESPACE, Map.of("app.kubernetes.io/name", "prometheus")));
		// Anything else started in either namespace (a debug pod, a compromised image).
		sources.put("stranger", cluster.stranger(manifests.namespaces().app()));
		sources.put("media stranger", cluster.stranger(manifests.namespaces().media()));
		sources.put("janus", cluster.ours("janus", 0, null));
		sources.put("coturn", cluster.ours("coturn", 0, null));
		destinations.put("kafka", cluster.strimzi(
				Map.of("strimzi.io/cluster", "onair", "strimzi.io/broker-role", "true", "strimzi.io/kind", "Kafka"),
				9093, null));
		destinations.put("redis", cluster.ours("redis", 6379, "redis"));
		destinations.put("postgres", cluster.ours("postgres", 5432, "postgres"));
		destinations.put("kafka-exporter",
				cluster.strimzi(Map.of("strimzi.io/name", "onair-kafka-exporter"), 9404, "tcp-prometheus"));
		// On the host network: reached at a media node's address, across the namespaces.
		destinations.put("janus api", cluster.ours("janus", 8188, "api"));

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
		expected.add("media-service -> janus api");

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
	void theJanusApiAndCoturnRelaysAreOpenExactlyToTheMediaNodesAndNoServiceReachesCloudMetadata(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		Cluster cluster = new Cluster(manifests);
		String[] range = cluster.mediaNodes();
		for (ServiceModule module : ServiceModule.all()) {
			Pod source = cluster.ours(module.name(), module.port(), "http");
			for (String node : range) {
				assertThat(cluster.egressToAddress(source, node, "TCP", 8188))
					.as(module.name() + " reaches the Janus API on " + node)
					.isEqualTo(module.name().equals("media-service"));
			}
			assertThat(cluster.egressToAddress(source, "169.254.169.254", "TCP", 80))
				.as(module.name() + " reaches the cloud metadata service")
				.isFalse();
		}
		Pod coturn = cluster.ours("coturn", 0, null);
		for (String node : range) {
			assertThat(cluster.egressToAddress(coturn, node, "UDP", 20000)).as("coturn relays to Janus on " + node)
				.isTrue();
		}
		assertThat(cluster.egressToAddress(coturn, "169.254.169.254", "UDP", 20000))
			.as("coturn relays to the cloud metadata address")
			.isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void bothNamespacesDenyByDefault(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		Cluster cluster = new Cluster(manifests);
		for (String namespace : manifests.namespaces().both()) {
			assertThat(manifests.all(NetworkPolicy.class, namespace)).as(namespace + " denies every ingress by default")
				.anySatisfy((policy) -> {
					assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
					assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
					assertThat(policy.getSpec().getIngress()).isNullOrEmpty();
				});
			manifests.workloads(namespace).keySet().forEach((workload) -> {
				Pod pod = cluster.ours(workload, 0, null);
				assertThat(cluster.policies).as(workload + " opens no connection but those allowed to it")
					.anySatisfy((policy) -> {
						assertThat(policy.namespace()).isEqualTo(namespace);
						assertThat(policy.policy().getSpec().getPolicyTypes()).containsExactly("Egress");
						assertThat(policy.policy().getSpec().getEgress()).isNullOrEmpty();
						assertThat(Cluster.matches(policy.policy().getSpec().getPodSelector(), pod.labels())).isTrue();
					});
			});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyPolicyAndEveryPeerSelectsPodsThatExist(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		Cluster cluster = new Cluster(manifests);
		List<Pod> pods = cluster.knownPods();
		for (Cluster.Policy policy : cluster.policies) {
			String name = policy.namespace() + "/" + policy.policy().getMetadata().getName();
			assertThat(pods).as(name + " applies to a pod")
				.anyMatch((pod) -> pod.namespace().equals(policy.namespace())
						&& Cluster.matches(policy.policy().getSpec().getPodSelector(), pod.labels()));
			List<NetworkPolicyPeer> peers = new ArrayList<>();
			Objects.requireNonNullElse(policy.policy().getSpec().getIngress(), List.<NetworkPolicyIngressRule>of())
				.forEach((rule) -> peers.addAll(Objects.requireNonNullElse(rule.getFrom(), List.of())));
			Objects.requireNonNullElse(policy.policy().getSpec().getEgress(), List.<NetworkPolicyEgressRule>of())
				.forEach((rule) -> peers.addAll(Objects.requireNonNullElse(rule.getTo(), List.of())));
			for (NetworkPolicyPeer peer : peers) {
				if (peer.getIpBlock() != null) {
					String cidr = peer.getIpBlock().getCidr();
					assertThat(cidr.equals("0.0.0.0/0")
							|| Arrays.stream(cluster.mediaNodes()).allMatch((node) -> Cluster.inCidr(node, cidr)))
						.as(name + " names an address range other than everyone or the media nodes: " + cidr)
						.isTrue();
					continue;
				}
				// Host-network pods have the node's address: no selector matches them.
				assertThat(pods).as(name + " peer " + peer + " selects a pod")
					.anyMatch((pod) -> pod.address() == null && cluster.peerMatches(peer, policy.namespace(), pod));
			}
		}
	}

	/**
	 * A pod as a policy sees it: its namespace and that namespace's labels, its labels,
	 * the port (number and name) a connection to it asks for, and for a pod on the host
	 * network the node address it has (selectors do not match it; ipBlocks do).
	 */
	private record Pod(String namespace, Map<String, String> namespaceLabels, Map<String, String> labels, int port,
			String portName, String address) {

		static Pod external(Map<String, String> namespaceLabels, Map<String, String> labels) {
			return new Pod(namespaceLabels.get("kubernetes.io/metadata.name"), namespaceLabels, labels, 0, null, null);
		}

		@Override
		public String toString() {
			return this.namespace + "/" + this.labels;
		}

	}

	/** The overlay's policies in both namespaces and Strimzi's listener policy. */
	private static final class Cluster {

		/** A policy and the namespace it was rendered into. */
		record Policy(String namespace, NetworkPolicy policy) {
		}

		private final List<Policy> policies = new ArrayList<>();

		private final Manifests manifests;

		Cluster(Manifests manifests) {
			this.manifests = manifests;
			manifests.raw("NetworkPolicy")
				.forEach((raw) -> this.policies
					.add(new Policy(Manifests.namespaceOf(raw), SERIALIZATION.convertValue(raw, NetworkPolicy.class))));
			this.policies.add(new Policy(manifests.namespaces().app(), strimziListenerPolicy(manifests)));
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

		/** The media nodes' first and last address (TURN_ALLOWED_PEERS, a-b). */
		String[] mediaNodes() {
			return this.manifests.one(ConfigMap.class, "onair-media-config")
				.getData()
				.get("TURN_ALLOWED_PEERS")
				.split("-");
		}

		/** A workload's pod, in the namespace it was rendered into. */
		Pod ours(String workload, int port, String portName) {
			Map<String, Object> resource = this.manifests.resources()
				.stream()
				.filter((candidate) -> workload.equals(Repository.at(candidate, "metadata.name"))
						&& Repository.at(candidate, "spec.template.metadata.labels") != null)
				.findFirst()
				.orElseThrow(() -> new AssertionError("no workload " + workload));
			Map<String, String> labels = new LinkedHashMap<>();
			Kustomize.map(Repository.at(resource, "spec.template.metadata.labels"))
				.forEach((key, value) -> labels.put(key, value.toString()));
			String namespace = Manifests.namespaceOf(resource);
			boolean hostNetwork = Boolean.TRUE.equals(Repository.at(resource, "spec.template.spec.hostNetwork"));
			return new Pod(namespace, this.manifests.namespaceLabels(namespace), labels, port, portName,
					hostNetwork ? mediaNodes()[0] : null);
		}

		/** A pod the operator creates in the application's namespace. */
		Pod strimzi(Map<String, String> labels, int port, String portName) {
			String namespace = this.manifests.namespaces().app();
			return new Pod(namespace, this.manifests.namespaceLabels(namespace), labels, port, portName, null);
		}

		/** Anything else started in a namespace (a debug pod, a compromised image). */
		Pod stranger(String namespace) {
			return new Pod(namespace, this.manifests.namespaceLabels(namespace), Map.of("app", "debug"), 0, null, null);
		}

		/**
		 * Every pod a selector may rightly name: ours, Strimzi's and the cluster's own.
		 */
		List<Pod> knownPods() {
			List<Pod> pods = new ArrayList<>();
			this.manifests.workloads().keySet().forEach((workload) -> pods.add(ours(workload, 0, null)));
			pods.add(strimzi(Map.of("strimzi.io/cluster", "onair", "strimzi.io/broker-role", "true", "strimzi.io/kind",
					"Kafka", "strimzi.io/name", "onair-kafka"), 0, null));
			pods.add(
					strimzi(Map.of("strimzi.io/cluster", "onair", "strimzi.io/name", "onair-kafka-exporter"), 0, null));
			pods.add(strimzi(Map.of("strimzi.io/cluster", "onair", "strimzi.io/name", "onair-entity-operator"), 0,
					null));
			pods.add(Pod.external(INGRESS_NAMESPACE, Map.of("app.kubernetes.io/name", "ingress-nginx")));
			pods.add(Pod.external(MONITORING_NAMESPACE, Map.of("app.kubernetes.io/name", "prometheus")));
			pods.add(Pod.external(Map.of("kubernetes.io/metadata.name", "kube-system"), Map.of("k8s-app", "kube-dns")));
			return pods;
		}

		boolean allows(Pod source, Pod destination, String protocol, int port, String portName) {
			return egressAllows(source, destination, protocol, port, portName)
					&& ingressAllows(destination, source, protocol, port, portName);
		}

		boolean egressAllows(Pod source, Pod destination, String protocol, int port, String portName) {
			List<Policy> isolating = selecting(source, "Egress");
			return !isOurs(source) || isolating.isEmpty()
					|| isolating.stream()
						.anyMatch((policy) -> Kustomize.list(policy.policy().getSpec().getEgress())
							.stream()
							.map(NetworkPolicyEgressRule.class::cast)
							.anyMatch((rule) -> ports(rule.getPorts(), protocol, port, portName)
									&& peers(rule.getTo(), policy.namespace(), destination)));
		}

		boolean egressToAddress(Pod source, String address, String protocol, int port) {
			return selecting(source, "Egress").stream()
				.flatMap((policy) -> policy.policy().getSpec().getEgress().stream())
				.anyMatch((rule) -> ports(rule.getPorts(), protocol, port, null) && rule.getTo()
					.stream()
					.anyMatch((peer) -> peer.getIpBlock() != null && inCidr(address, peer.getIpBlock().getCidr())));
		}

		private boolean ingressAllows(Pod destination, Pod source, String protocol, int port, String portName) {
			List<Policy> isolating = selecting(destination, "Ingress");
			return isolating.isEmpty() || isolating.stream()
				.anyMatch((policy) -> Kustomize.list(policy.policy().getSpec().getIngress())
					.stream()
					.map(NetworkPolicyIngressRule.class::cast)
					.anyMatch((rule) -> ports(rule.getPorts(), protocol, port, portName)
							&& peers(rule.getFrom(), policy.namespace(), source)));
		}

		/** Only pods in the overlay's namespaces are isolated by these policies. */
		private boolean isOurs(Pod pod) {
			return this.manifests.namespaces().both().contains(pod.namespace());
		}

		/**
		 * The policies that isolate a pod. Host-network pods count as selected, as where
		 * host policies enforce them (docs/operations.md).
		 */
		private List<Policy> selecting(Pod pod, String type) {
			if (!isOurs(pod)) {
				return List.of();
			}
			return this.policies.stream()
				.filter((policy) -> policy.namespace().equals(pod.namespace()))
				.filter((policy) -> policy.policy().getSpec().getPolicyTypes().contains(type))
				.filter((policy) -> matches(policy.policy().getSpec().getPodSelector(), pod.labels()))
				.toList();
		}

		private boolean peers(List<NetworkPolicyPeer> peers, String policyNamespace, Pod other) {
			if (peers == null || peers.isEmpty()) {
				return true;
			}
			return peers.stream().anyMatch((peer) -> peerMatches(peer, policyNamespace, other));
		}

		/**
		 * A peer of a policy in {@code policyNamespace}: an ipBlock matches a
		 * host-network pod by its node address, selectors match only pods of the pod
		 * network.
		 */
		boolean peerMatches(NetworkPolicyPeer peer, String policyNamespace, Pod other) {
			if (peer.getIpBlock() != null) {
				return other.address() != null && inCidr(other.address(), peer.getIpBlock().getCidr());
			}
			if (other.address() != null) {
				return false;
			}
			boolean namespace = (peer.getNamespaceSelector() == null) ? other.namespace().equals(policyNamespace)
					: matches(peer.getNamespaceSelector(), other.namespaceLabels());
			return namespace && (peer.getPodSelector() == null || matches(peer.getPodSelector(), other.labels()));
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

		static boolean matches(LabelSelector selector, Map<String, String> labels) {
			assertThat(selector.getMatchExpressions()).as("selectors use matchLabels only").isNullOrEmpty();
			Map<String, String> wanted = Objects.requireNonNullElse(selector.getMatchLabels(), Map.of());
			return labels.entrySet().containsAll(wanted.entrySet());
		}

		static boolean inCidr(String address, String cidr) {
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
