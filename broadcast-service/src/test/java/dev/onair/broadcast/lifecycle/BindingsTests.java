package dev.onair.broadcast.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import dev.onair.broadcast.state.Broadcast;
import dev.onair.broadcast.state.BroadcastChanges;
import dev.onair.broadcast.state.Change;
import dev.onair.contract.Topics;
import dev.onair.contract.broadcast.BroadcastStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import reactor.core.publisher.Mono;
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
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.integration.context.IntegrationContextUtils;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The bindings of application.yml on Spring Cloud Stream's test binder: a record on each
 * consumed topic reaches its function as the Kafka binder delivers it (JSON text, the key
 * in a header), and an unreadable one fails with what {@code ListenerRetry} dead-letters
 * at once. {@code LifecycleIT} and {@code PostgresOutageIT} run them on Kafka.
 */
@SpringBootTest(classes = BindingsTests.Functions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class BindingsTests {

	private static final UUID ROOM = UUID.fromString("6f1d0c7e-6b8e-4d7c-9a5e-2f0c1b7d9e11");

	private static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

	@MockitoBean
	private BroadcastChanges changes;

	@Autowired
	private InputDestination input;

	@Autowired
	@Qualifier(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME)
	private PublishSubscribeChannel errors;

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	@BeforeEach
	void collectFailures() {
		this.errors.subscribe((message) -> this.failures.add(((ErrorMessage) message).getPayload()));
	}

	@Test
	@SuppressWarnings("unchecked")
	void publisherConnectedOnItsTopicMakesTheBroadcastLive() {
		Broadcast ready = Broadcast.ready(ROOM, "Live soon", "", List.of(), null, AT.minusSeconds(60));
		when(this.changes.change(eq(ROOM), any())).thenReturn(Mono.just(new Change(ready, ready)));
		this.input.send(
				record(ROOM.toString(), "{\"room\":\"" + ROOM
						+ "\",\"state\":\"CONNECTED\",\"session\":\"s-1\",\"at\":\"" + AT + "\"}"),
				Topics.MEDIA_PUBLISHER_EVENTS);

		ArgumentCaptor<UnaryOperator<Broadcast>> rule = ArgumentCaptor.forClass(UnaryOperator.class);
		verify(this.changes).change(eq(ROOM), rule.capture());
		assertThat(rule.getValue().apply(ready).status()).isEqualTo(BroadcastStatus.LIVE);
		assertThat(this.failures).isEmpty();
	}

	@Test
	@SuppressWarnings("unchecked")
	void aViewerCountOnItsTopicRaisesThePeak() {
		Broadcast live = Broadcast.ready(ROOM, "Live", "", List.of(), null, AT.minusSeconds(60)).publisherConnected(AT);
		when(this.changes.change(eq(ROOM), any())).thenReturn(Mono.just(new Change(live, live)));
		this.input.send(
				record(ROOM.toString(),
						"{\"room\":\"" + ROOM + "\",\"viewers\":5,\"peak\":40,\"at\":\"" + AT + "\",\"addedLater\":1}"),
				Topics.PRESENCE_VIEWER_COUNTS);

		ArgumentCaptor<UnaryOperator<Broadcast>> rule = ArgumentCaptor.forClass(UnaryOperator.class);
		verify(this.changes).change(eq(ROOM), rule.capture());
		assertThat(rule.getValue().apply(live).peakViewers()).isEqualTo(40);
		assertThat(this.failures).isEmpty();
	}

	@Test
	void unreadableRecordsFailWithWhatIsDeadLetteredAtOnce() {
		this.input.send(record(ROOM.toString(), "{not json"), Topics.MEDIA_PUBLISHER_EVENTS);
		this.input.send(record("x", "{\"room\":\"not-a-uuid\",\"state\":\"CONNECTED\",\"at\":\"" + AT + "\"}"),
				Topics.MEDIA_PUBLISHER_EVENTS);
		this.input.send(record(ROOM.toString(), "{\"viewers\":3,\"peak\":3}"), Topics.PRESENCE_VIEWER_COUNTS);

		assertThat(this.failures).map(NestedExceptionUtils::getMostSpecificCause)
			.satisfiesExactly((first) -> assertThat(first).isInstanceOf(JacksonException.class),
					(second) -> assertThat(second).isInstanceOf(IllegalArgumentException.class),
					(third) -> assertThat(third).isInstanceOf(IllegalArgumentException.class));
		verify(this.changes, never()).change(any(), any());
	}

	/**
	 * A record as the Kafka binder hands it over: the value as text, the key a header.
	 */
	private static Message<String> record(String key, String value) {
		return MessageBuilder.withPayload(value).setHeader(KafkaHeaders.RECEIVED_KEY, key).build();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, ContextFunctionCatalogAutoConfiguration.class,
			CloudEventsFunctionExtensionConfiguration.class, BindingServiceConfiguration.class,
			FunctionConfiguration.class })
	@EnableTestBinder
	@Import({ PublisherEvents.class, ViewerCounts.class })
	static class Functions {

	}

}
