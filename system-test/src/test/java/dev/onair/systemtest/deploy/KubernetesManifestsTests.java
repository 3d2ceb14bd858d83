package dev.onair.systemtest.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.onair.contract.TopicSpec;
import dev.onair.contract.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants of {@code k8s/}, checked on each overlay as kustomize would build it and
 * against what the services (application.yml) and the contract ({@link Topics}) declare.
 */
class KubernetesManifestsTests {

	private static final int PRE_STOP_SECONDS = 5;

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyServiceHasADeploymentAndAServiceOnItsConfiguredPort(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		for (ServiceModule module : ServiceModule.all()) {
			Container container = manifests.container(module.name());
			List<Integer> ports = (module.managementPort() != module.port())
					? List.of(module.port(), module.managementPort()) : List.of(module.port());
			assertThat(container.getPorts()).as(module.name() + " container ports, the service's first")
				.extracting(ContainerPort::getContainerPort)
				.containsExactlyElementsOf(ports);
			// The Service exposes the service port only, never the actuator's own.
			Service service = manifests.one(Service.class, module.name());
			assertThat(service.getSpec().getPorts()).as(module.name() + " Service ports")
				.singleElement()
				.satisfies((port) -> {
					assertThat(port.getPort()).isEqualTo(module.port());
					assertThat(port.getTargetPort().getStrVal()).isEqualTo(container.getPorts().get(0).getName());
				});
			assertThat(service.getSpec().getSelector())
				.isEqualTo(manifests.one(Deployment.class, module.name()).getSpec().getSelector().getMatchLabels());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void probesUseTheActuatorHealthGroupsOnTheActuatorsPort(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		for (ServiceModule module : ServiceModule.all()) {
			assertThat(module.exposesProbes()).as(module.name() + " enables and exposes the health probe groups")
				.isTrue();
			Container container = manifests.container(module.name());
			String port = container.getPorts()
				.stream()
				.filter((candidate) -> candidate.getContainerPort() == module.managementPort())
				.findFirst()
				.orElseThrow(() -> new AssertionError(
						module.name() + " has no container port " + module.managementPort() + " for its actuator"))
				.getName();
			assertProbe(module.name() + " startup", container.getStartupProbe(), "/actuator/health/liveness", port);
			assertProbe(module.name() + " liveness", container.getLivenessProbe(), "/actuator/health/liveness", port);
			assertProbe(module.name() + " readiness", container.getReadinessProbe(), "/actuator/health/readiness",
					port);
		}
	}

	private static void assertProbe(String what, Probe probe, String path, String port) {
		assertThat(probe).as(what + " probe").isNotNull();
		HTTPGetAction get = probe.getHttpGet();
		assertThat(get).as(what + " probe is an HTTP GET").isNotNull();
		assertThat(get.getPath()).as(what + " path").isEqualTo(path);
		assertThat(get.getPort().getStrVal()).as(what + " port").isEqualTo(port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyContainerHasCpuAndMemoryRequestsAndLimits(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		manifests.workloads().forEach((name, pod) -> pod.getContainers().forEach((container) -> {
			Map<String, Quantity> requests = container.getResources().getRequests();
			Map<String, Quantity> limits = container.getResources().getLimits();
			assertThat(requests).as(name + " requests").containsKeys("cpu", "memory");
			assertThat(limits).as(name + " limits").containsKey("memory");
			assertThat(Quantity.getAmountInBytes(limits.get("memory")))
				.as(name + " memory limit is at least its request")
				.isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
		}));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void rollingUpdatesNeverTakeAServicePodAwayBeforeItsReplacementIsReady(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		for (String name : ServiceModule.NAMES) {
			Deployment deployment = manifests.one(Deployment.class, name);
			assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
			assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
				.as(name + " maxUnavailable")
				.isZero();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyDeploymentAndStatefulSetOfOursHasADisruptionBudgetSelectingItsPods(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		List<PodDisruptionBudget> budgets = manifests.all(PodDisruptionBudget.class);
		Stream
			.concat(manifests.all(Deployment.class).stream().map((d) -> d.getSpec().getSelector().getMatchLabels()),
					manifests.all(StatefulSet.class)
						.stream()
						.filter((s) -> s.getSpec().getReplicas() == null || s.getSpec().getReplicas() > 1
								|| "janus".equals(s.getMetadata().getName()))
						.map((s) -> s.getSpec().getSelector().getMatchLabels()))
			.forEach((labels) -> assertThat(budgets).as("a PodDisruptionBudget for " + labels)
				.anySatisfy((budget) -> assertThat(budget.getSpec().getSelector().getMatchLabels()).isEqualTo(labels)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void terminationGraceCoversPreStopAndTheGracefulShutdownPhase(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		for (ServiceModule module : ServiceModule.all()) {
			PodSpec pod = manifests.one(Deployment.class, module.name()).getSpec().getTemplate().getSpec();
			Container container = manifests.container(module.name());
			assertThat(container.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep",
					Integer.toString(PRE_STOP_SECONDS));
			assertThat(pod.getTerminationGracePeriodSeconds()).as(module.name() + " terminationGracePeriodSeconds")
				.isGreaterThan(PRE_STOP_SECONDS + module.shutdownPhase().toSeconds());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void secretsReachContainersOnlyThroughSecretKeyRefs(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		manifests.workloads().forEach((name, pod) -> pod.getContainers().forEach((container) -> {
			assertThat(container.getEnvFrom()).as(name + " takes no whole Secret")
				.allSatisfy((source) -> assertThat(source.getSecretRef()).isNull());
			for (EnvVar env : container.getEnv()) {
				if (ServiceModule.isSecret(env.getName())) {
					assertThat(env.getValue()).as(name + " " + env.getName() + " has no literal value").isNull();
					assertThat(env.getValueFrom().getSecretKeyRef()).as(name + " " + env.getName() + " from a Secret")
						.isNotNull();
				}
				if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
					// A missing key keeps the pod from starting instead of running
					// without it.
					assertThat(env.getValueFrom().getSecretKeyRef().getOptional())
						.as(name + " " + env.getName() + " is required")
						.isNotEqualTo(Boolean.TRUE);
				}
			}
		}));
		for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
			assertThat(configMap.getData().keySet()).as(configMap.getMetadata().getName() + " holds no secrets")
				.noneMatch(ServiceModule::isSecret);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyServiceGetsTheVariablesItsApplicationYmlNeeds(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		for (ServiceModule module : ServiceModule.all()) {
			Deployment deployment = manifests.one(Deployment.class, module.name());
			assertThat(deployment.getSpec().getTemplate().getSpec().getEnableServiceLinks())
				.as(module.name() + " turns off service links (they would set REDIS_PORT=tcp://...)")
				.isFalse();
			Container container = manifests.container(module.name());
			Set<String> provided = container.getEnv().stream().map(EnvVar::getName).collect(Collectors.toSet());
			container.getEnvFrom()
				.stream()
				.map((source) -> manifests.one(ConfigMap.class, source.getConfigMapRef().getName()))
				.forEach((configMap) -> provided.addAll(configMap.getData().keySet()));
			assertThat(provided).as(module.name() + " environment").containsAll(module.requiredVariables());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void imagesAreNamedAfterTheirModulesAndPinnedToATag(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		for (String name : ServiceModule.NAMES) {
			String image = manifests.container(name).getImage();
			assertThat(image).as(name + " image").matches("(.+/)?onair/" + name + ":[\\w.-]+");
			assertThat(image).doesNotEndWith(":latest");
			assertThat(Repository.ROOT.resolve(name).resolve("Dockerfile")).as("recipe of " + image).isRegularFile();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void gatewaysAndSearchScaleWithAutoscalersThatOwnTheirReplicaCount(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		for (String name : List.of("signaling-gateway", "search-service")) {
			HorizontalPodAutoscaler autoscaler = manifests.one(HorizontalPodAutoscaler.class, name);
			assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
			assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(name);
			assertThat(autoscaler.getSpec().getMinReplicas()).isPositive()
				.isLessThanOrEqualTo(autoscaler.getSpec().getMaxReplicas());
			assertThat(manifests.one(Deployment.class, name).getSpec().getReplicas())
				.as(name + " leaves replicas to its autoscaler")
				.isNull();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyContractTopicIsAKafkaTopicWithTheSameLayout(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		List<Map<String, Object>> kafkaTopics = manifests.raw("KafkaTopic");
		assertThat(kafkaTopics).extracting((topic) -> Repository.at(topic, "spec.topicName"))
			.containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(TopicSpec::name).toList());
		for (TopicSpec spec : Topics.ALL) {
			Map<String, Object> topic = kafkaTopics.stream()
				.filter((candidate) -> spec.name().equals(Repository.at(candidate, "spec.topicName")))
				.findFirst()
				.orElseThrow();
			assertThat(Repository.at(topic, "spec.partitions")).as(spec.name() + " partitions")
				.isEqualTo(spec.partitions());
			Map<String, Object> config = Kustomize.map(Repository.at(topic, "spec.config"));
			assertThat(config.get("cleanup.policy")).as(spec.name() + " cleanup.policy")
				.isEqualTo(spec.cleanupPolicy());
			if (!spec.compacted()) {
				assertThat(config.get("retention.ms")).as(spec.name() + " retention.ms")
					.hasToString(Long.toString(spec.retention().toMillis()));
			}
			assertThat(Kustomize.map(Repository.at(topic, "metadata.labels"))).containsEntry("strimzi.io/cluster",
					"onair");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void mediaServiceKnowsEveryJanusNodeAndIsTheOnlyClientOfItsApi(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		StatefulSet janus = manifests.one(StatefulSet.class, "janus");
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < janus.getSpec().getReplicas(); i++) {
			expected.add("ws://janus-" + i + ".janus:8188");
		}
		assertThat(manifests.one(ConfigMap.class, "onair-config").getData().get("JANUS_WS_URLS").split(","))
			.containsExactlyElementsOf(expected);
		NetworkPolicy policy = manifests.one(NetworkPolicy.class, "janus-api");
		assertThat(policy.getSpec().getPodSelector().getMatchLabels())
			.isEqualTo(janus.getSpec().getSelector().getMatchLabels());
		assertThat(policy.getSpec().getIngress()).filteredOn((rule) -> rule.getPorts()
			.stream()
			.anyMatch((port) -> "TCP".equals(port.getProtocol()) && Objects.equals(port.getPort().getIntVal(), 8188)))
			.singleElement()
			.satisfies((rule) -> assertThat(rule.getFrom()).singleElement()
				.satisfies((peer) -> assertThat(peer.getPodSelector().getMatchLabels())
					.containsEntry("app.kubernetes.io/name", "media-service")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void theIngressSendsWebSocketsToTheGatewaysWithoutStickiness(String overlay) {
		Ingress ingress = Manifests.build(overlay).one(Ingress.class, "onair");
		assertThat(ingress.getSpec().getRules()).singleElement()
			.satisfies((rule) -> assertThat(rule.getHttp().getPaths()).anySatisfy((path) -> {
				assertThat(path.getPath()).isEqualTo("/ws");
				assertThat(path.getBackend().getService().getName()).isEqualTo("signaling-gateway");
			}));
		assertThat(ingress.getMetadata().getAnnotations())
			.containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
			.doesNotContainKeys("nginx.ingress.kubernetes.io/affinity",
					"nginx.ingress.kubernetes.io/session-cookie-name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyResourceLandsInTheOverlaysNamespace(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		String expected = overlay.equals("prod") ? "onair" : "onair-dev";
		Set<Object> namespaces = new TreeSet<>();
		manifests.resources()
			.stream()
			.filter((resource) -> !"Namespace".equals(resource.get("kind")))
			.forEach((resource) -> namespaces.add(Repository.at(resource, "metadata.namespace")));
		assertThat(namespaces).containsExactly(expected);
		assertThat(manifests.raw("Namespace")).as("the overlay's Namespace, with its Pod Security labels")
			.singleElement()
			.satisfies((namespace) -> assertThat(Repository.at(namespace, "metadata.name")).isEqualTo(expected));
	}

}
