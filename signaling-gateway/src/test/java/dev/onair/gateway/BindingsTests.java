package dev.onair.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.onair.contract.Topics;
import dev.onair.gateway.health.Canary;
import dev.onair.gateway.session.Session;
import dev.onair.gateway.session.Sessions;
import dev.onair.gateway.signal.AwaitedReplies;
import dev.onair.gateway.system.GatewayProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.invocation.Invocation;
import tools.jackson.core.JacksonException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.function.cloudevent.CloudEventsFunctionExtensionConfiguration;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.config.BindingServiceConfiguration;
import org.springframework.cloud.stream.function.FunctionConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The bindings of application.yml on Spring Cloud Stream's test binder: a record on each
 * consumed topic reaches its function as the Kafka binder delivers it (the value's bytes
 * as produced, here the golden examples), and an unreadable one fails with what the
 * bindings dead-letter at once. {@code GatewayIT}, {@code WhipIT} and the others run them
 * on Kafka.
 */
@SpringBootTest(classes = BindingsTests.Functions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class BindingsTests {

	private static final String ROOM = "0b5c3f4e-8a51-4d0e-9d7a-3f1f6f0b9a10";

	@MockitoBean
	private Sessions sessions;

	@MockitoBean
	private AwaitedReplies awaited;

	@MockitoBean
	private Canary canary;

	@MockitoBean
	private ReactiveStringRedisTemplate redis;

	@Autowired
	private InputDestination input;

	@Autowired
	@Qualifier(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME)
	private PublishSubscribeChannel errors;

	private final Session session = mock(Session.class);

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	@BeforeEach
	void oneSessionInTheRoom() {
		this.errors.subscribe((message) -> this.failures.add(((ErrorMessage) message).getPayload()));
		when(this.sessions.inRoom(ROOM)).thenReturn(List.of(this.session));
	}

	@Test
	void aChatMessageReachesTheRoomsSessionsHere() {
		this.input.send(record(golden("/golden/kafka/chat-event-message.json")), Topics.CHAT_MESSAGES);

		verify(this.session).send(argThat((frame) -> text(frame).contains("\"type\":\"chat.message\"")));
		assertThat(this.failures).isEmpty();
	}

	@Test
	void aSignalToTheWholeRoomReachesItsSessionsHere() {
		this.input.send(record(golden("/golden/kafka/signal-to-client-ended.json")), Topics.SIGNAL_TO_CLIENTS);

		verify(this.session).send(argThat((frame) -> text(frame).contains("\"type\":\"ended\"")));
		assertThat(this.failures).isEmpty();
	}

	@Test
	void aViewerCountReachesTheRoomsSessionsHere() {
		this.input.send(record(golden("/golden/kafka/viewer-count.json")), Topics.PRESENCE_VIEWER_COUNTS);

		verify(this.session).send(argThat((frame) -> text(frame).contains("\"viewers\":2")));
		assertThat(this.failures).isEmpty();
	}

	@Test
	void aCanaryPingGoesBackToTheCanary() {
		this.input.send(record(golden("/golden/kafka/canary-ping.json")), Topics.GATEWAY_CANARY);

		assertThat(mockingDetails(this.canary).getInvocations()).extracting(Invocation::getMethod)
			.extracting("name")
			.containsExactly("returned");
		assertThat(this.failures).isEmpty();
	}

	@Test
	void unreadableRecordsFailWithWhatIsDeadLetteredAtOnce() {
		List<String> topics = List.of(Topics.CHAT_MESSAGES, Topics.SIGNAL_TO_CLIENTS, Topics.PRESENCE_VIEWER_COUNTS,
				Topics.GATEWAY_CANARY, Topics.MEDIA_PUBLISHER_EVENTS);
		topics.forEach((topic) -> this.input.send(record("{not json".getBytes(StandardCharsets.UTF_8)), topic));
		this.input.send(record("{\"room\":\"r\",\"at\":\"2026-11-25T12:00:00Z\"}".getBytes(StandardCharsets.UTF_8)),
				Topics.MEDIA_PUBLISHER_EVENTS);

		assertThat(this.failures).map(NestedExceptionUtils::getMostSpecificCause)
			.hasSize(topics.size() + 1)
			.allSatisfy((cause) -> assertThat(cause).isInstanceOfAny(JacksonException.class,
					IllegalArgumentException.class))
			.last()
			.isInstanceOf(IllegalArgumentException.class);
		verify(this.session, never()).send(any());
	}

	/**
	 * A record as the Kafka binder hands it over: the value's bytes, the key a header.
	 */
	private static Message<byte[]> record(byte[] value) {
		return MessageBuilder.withPayload(value)
			.setHeader(KafkaHeaders.RECEIVED_KEY, ROOM.getBytes(StandardCharsets.UTF_8))
			.build();
	}

	private static byte[] golden(String path) {
		try (InputStream in = BindingsTests.class.getResourceAsStream(path)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(byte[] frame) {
		return new String(frame, StandardCharsets.UTF_8);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, ContextFunctionCatalogAutoConfiguration.class,
			CloudEventsFunctionExtensionConfiguration.class, BindingServiceConfiguration.class,
			FunctionConfiguration.class })
	@EnableTestBinder
	@ComponentScan(basePackages = "dev.onair.gateway", useDefaultFilters = false,
			includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
					pattern = { ".*\\.ChatListener", ".*\\.SignalListener", ".*\\.SignalLatency",
							".*\\.ViewerCountListener", ".*\\.CanaryPings", ".*\\.PublisherMedia",
							".*\\.PublishingClaims", ".*\\.Frames" }))
	static class Functions {

		@Bean
		GatewayProperties gatewayProperties() {
			return GatewaySettings.with(Map.of());
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
