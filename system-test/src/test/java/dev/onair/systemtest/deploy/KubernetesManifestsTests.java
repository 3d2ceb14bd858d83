package dev.onair.systemtest.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
	void mediaServiceKnowsEveryJanusNodeByItsNameInTheMediaNamespaceAndIsTheOnlyClientOfItsApi(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		String media = manifests.namespaces().media();
		StatefulSet janus = manifests.one(StatefulSet.class, "janus");
		Service service = manifests.one(Service.class, janus.getSpec().getServiceName());
		assertThat(service.getMetadata().getNamespace()).as("janus's governing Service").isEqualTo(media);
		assertThat(service.getSpec().getClusterIP()).as("janus's Service is headless (a name per pod)")
			.isEqualTo("None");
		assertThat(service.getSpec().getSelector()).isEqualTo(janus.getSpec().getSelector().getMatchLabels());
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < janus.getSpec().getReplicas(); i++) {
			expected.add("wss://janus-" + i + "." + service.getMetadata().getName() + "." + media + ".svc:8188");
		}
		assertThat(manifests.one(ConfigMap.class, "onair-config").getData().get("JANUS_WS_URLS").split(","))
			.containsExactlyElementsOf(expected);
		NetworkPolicy policy = manifests.one(NetworkPolicy.class, "janus-api");
		assertThat(policy.getMetadata().getNamespace()).isEqualTo(media);
		assertThat(policy.getSpec().getPodSelector().getMatchLabels())
			.isEqualTo(janus.getSpec().getSelector().getMatchLabels());
		assertThat(policy.getSpec().getIngress()).filteredOn((rule) -> rule.getPorts()
			.stream()
			.anyMatch((port) -> "TCP".equals(port.getProtocol()) && Objects.equals(port.getPort().getIntVal(), 8188)))
			.singleElement()
			.satisfies((rule) -> assertThat(rule.getFrom()).singleElement().satisfies((peer) -> {
				assertThat(peer.getNamespaceSelector().getMatchLabels())
					.isEqualTo(Map.of("kubernetes.io/metadata.name", manifests.namespaces().app()));
				assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(
						manifests.one(Deployment.class, "media-service").getSpec().getSelector().getMatchLabels());
			}));
	}

	/**
	 * media-service counts a node's capacity in the cores Janus may use, and Janus runs
	 * an event loop per core: all three are one number (docs/operations.md, Sizing).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void mediaCapacityCountsTheCoresJanusMayUseAndJanusRunsALoopOnEach(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		Container janus = manifests.one(StatefulSet.class, "janus")
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0);
		String cores = janus.getResources().getLimits().get("cpu").getAmount();
		assertThat(manifests.one(ConfigMap.class, "onair-config").getData()).containsEntry("MEDIA_NODE_CORES", cores);
		assertThat(janus.getEnv()).filteredOn((variable) -> "JANUS_EVENT_LOOPS".equals(variable.getName()))
			.singleElement()
			.satisfies((loops) -> assertThat(loops.getValue()).isEqualTo(cores));
	}

	/**
	 * Every host a ConfigMap gives a pod that is a cluster name ({@code name} in the
	 * ConfigMap's namespace, {@code [pod.]service.namespace.svc[.cluster.local]}
	 * anywhere) names a Service that exists there, or for {@code pod.service} a pod of
	 * the StatefulSet that Service governs. Other names (TURN host, origins) are the
	 * internet's and must not look like cluster names.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyClusterNameInAConfigMapNamesAServiceOfThatNamespace(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		// Made by Strimzi from the Kafka resource onair.
		Set<String> operatorServices = Set.of(manifests.namespaces().app() + "/onair-kafka-bootstrap");
		Pattern host = Pattern.compile("^(?:[a-z]+:(?://)?)?([a-z0-9.-]+)(?::\\d+)?(?:[/?].*)?$");
		int checked = 0;
		for (ConfigMap configMap : manifests.all(ConfigMap.class)) {
			String namespace = configMap.getMetadata().getNamespace();
			for (Map.Entry<String, String> entry : configMap.getData().entrySet()) {
				if (!entry.getKey().matches("[A-Z_]+_(URL|URLS|HOST|SERVERS)")) {
					continue;
				}
				for (String value : entry.getValue().split(",")) {
					Matcher matcher = host.matcher(value.trim());
					assertThat(matcher.matches()).as(entry.getKey() + " " + value + " has a host").isTrue();
					String name = matcher.group(1).replaceFirst("\\.cluster\\.local$", "");
					String what = configMap.getMetadata().getName() + " " + entry.getKey() + " " + value;
					String[] labels = name.split("\\.");
					if (!name.endsWith(".svc") && labels.length > 1) {
						assertThat(name).as(what + " is outside the cluster, so not a cluster domain")
							.doesNotEndWith(".local")
							.doesNotContain(".svc.");
						continue;
					}
					String serviceNamespace = name.endsWith(".svc") ? labels[labels.length - 2] : namespace;
					String service = name.endsWith(".svc") ? labels[labels.length - 3] : labels[0];
					assertThat(manifests.namespaces().both()).as(what + " names a namespace of this overlay")
						.contains(serviceNamespace);
					checked++;
					if (operatorServices.contains(serviceNamespace + "/" + service)) {
						continue;
					}
					List<Service> services = manifests.all(Service.class, serviceNamespace)
						.stream()
						.filter((candidate) -> candidate.getMetadata().getName().equals(service))
						.toList();
					assertThat(services).as(what + ": a Service " + service + " in " + serviceNamespace).hasSize(1);
					if (name.endsWith(".svc") && labels.length == 4) {
						String pod = labels[0];
						assertThat(manifests.all(StatefulSet.class, serviceNamespace))
							.as(what + ": a StatefulSet governed by " + service + " with a pod " + pod)
							.anySatisfy((set) -> {
								assertThat(set.getSpec().getServiceName()).isEqualTo(service);
								assertThat(pod).startsWith(set.getMetadata().getName() + "-");
								assertThat(Integer.parseInt(pod.substring(set.getMetadata().getName().length() + 1)))
									.isLessThan(set.getSpec().getReplicas());
							});
					}
				}
			}
		}
		assertThat(checked).as("cluster names checked").isGreaterThan(5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "prod" })
	void everyConfigMapAPodReadsIsInItsOwnNamespaceWithTheKeysItReads(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		for (String namespace : manifests.namespaces().both()) {
			Map<String, ConfigMap> configMaps = new TreeMap<>();
			manifests.all(ConfigMap.class, namespace)
				.forEach((configMap) -> configMaps.put(configMap.getMetadata().getName(), configMap));
			manifests.workloads(namespace).forEach((name, pod) -> pod.getContainers().forEach((container) -> {
				container.getEnvFrom()
					.stream()
					.filter((source) -> source.getConfigMapRef() != null)
					.forEach((source) -> assertThat(configMaps)
						.as(name + " reads ConfigMap " + source.getConfigMapRef().getName() + " in " + namespace)
						.containsKey(source.getConfigMapRef().getName()));
				container.getEnv()
					.stream()
					.filter((env) -> env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null)
					.map((env) -> env.getValueFrom().getConfigMapKeyRef())
					.forEach((ref) -> assertThat(configMaps.get(ref.getName()))
						.as(name + " reads " + ref.getKey() + " of ConfigMap " + ref.getName() + " in " + namespace)
						.isNotNull()
						.satisfies((configMap) -> assertThat(configMap.getData()).containsKey(ref.getKey())));
				pod.getVolumes()
					.stream()
					.filter((volume) -> volume.getConfigMap() != null)
					.forEach((volume) -> assertThat(configMaps)
						.as(name + " mounts ConfigMap " + volume.getConfigMap().getName() + " in " + namespace)
						.containsKey(volume.getConfigMap().getName()));
			}));
		}
	}

	/**
	 * Secrets are created out of band (docs/operations.md, Kubernetes): every key a pod
	 * reads is one the install steps create in the pod's own namespace, since a pod
	 * cannot read another namespace's Secret. The keys both namespaces need (the Janus
	 * API secret and admin key, the TURN secret) are created from the same shell variable
	 * on both sides, so the two copies cannot differ. Strimzi makes the Kafka users'
	 * Secrets and the cluster CA's.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "prod" })
	void everySecretKeyAPodReadsIsCreatedInItsNamespaceByTheInstallSteps(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		Map<String, Map<String, String>> created = new TreeMap<>();
		String literal = "--from-literal=([\\w.-]+)=(\"[^\"]*\"|\\S+)";
		Pattern command = Pattern.compile("kubectl -n (\\S+) create secret generic (\\S+)((?:\\s+" + literal + ")+)");
		Matcher matcher = command
			.matcher(Repository.read(Repository.ROOT.resolve("docs/operations.md")).replaceAll("\\\\\\n\\s*", " "));
		while (matcher.find()) {
			Map<String, String> keys = new TreeMap<>();
			Matcher literals = Pattern.compile(literal).matcher(matcher.group(3));
			while (literals.find()) {
				keys.put(literals.group(1), literals.group(2));
			}
			created.put(matcher.group(1) + "/" + matcher.group(2), keys);
		}
		assertThat(created.keySet()).as("Secrets the install steps create")
			.containsExactlyInAnyOrder(manifests.namespaces().app() + "/onair-secrets",
					manifests.namespaces().media() + "/onair-media-secrets");
		Set<String> operatorSecrets = new TreeSet<>(Set.of("onair-cluster-ca-cert"));
		manifests.raw("KafkaUser")
			.forEach((user) -> operatorSecrets.add((String) Repository.at(user, "metadata.name")));
		for (String namespace : manifests.namespaces().both()) {
			manifests.workloads(namespace)
				.forEach((name, pod) -> RestrictedProfile.containers(pod)
					.stream()
					.flatMap((container) -> container.getEnv().stream())
					.filter((env) -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
					.map((env) -> env.getValueFrom().getSecretKeyRef())
					.filter((ref) -> !operatorSecrets.contains(ref.getName()))
					.forEach((ref) -> assertThat(created.get(namespace + "/" + ref.getName()))
						.as(name + " reads " + ref.getKey() + " of Secret " + ref.getName() + " in " + namespace)
						.isNotNull()
						.containsKey(ref.getKey())));
		}
		Map<String, String> app = created.get(manifests.namespaces().app() + "/onair-secrets");
		created.get(manifests.namespaces().media() + "/onair-media-secrets").forEach((key, value) -> {
			assertThat(value).as(key + " in both namespaces comes from one shell variable").matches("\"\\$[A-Z_]+\"");
			assertThat(app).as(key + " has the same value in both namespaces").containsEntry(key, value);
		});
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
	void everyResourceLandsInOneOfTheOverlaysTwoNamespacesAndJanusAndCoturnInTheMediaOne(String overlay) {
		Manifests manifests = Manifests.build(overlay);
		String media = manifests.namespaces().media();
		assertThat(manifests.raw("Namespace")).as("the overlay's Namespaces, with their Pod Security labels")
			.extracting(Manifests::namespaceOf)
			.containsExactlyInAnyOrderElementsOf(manifests.namespaces().both());
		Set<String> inMedia = new TreeSet<>();
		for (Map<String, Object> resource : manifests.resources()) {
			String namespace = Manifests.namespaceOf(resource);
			assertThat(manifests.namespaces().both())
				.as(resource.get("kind") + " " + Repository.at(resource, "metadata.name"))
				.contains(namespace);
			if (namespace.equals(media) && !"Namespace".equals(resource.get("kind"))) {
				inMedia.add(resource.get("kind") + "/" + Repository.at(resource, "metadata.name"));
			}
		}
		assertThat(inMedia).as("resources of " + media)
			.containsExactlyInAnyOrder("StatefulSet/janus", "Service/janus", "PodDisruptionBudget/janus",
					"Deployment/coturn", "PodDisruptionBudget/coturn", "ConfigMap/onair-media-config",
					"NetworkPolicy/default-deny-ingress", "NetworkPolicy/default-deny-egress", "NetworkPolicy/dns",
					"NetworkPolicy/janus-api", "NetworkPolicy/coturn");
	}

}
