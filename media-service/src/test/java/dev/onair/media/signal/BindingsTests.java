package dev.onair.media.signal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.onair.contract.Topics;
import dev.onair.contract.signal.SignalToMedia;
import dev.onair.media.KafkaGoldenExamples;
import dev.onair.media.replies.Replies;
import dev.onair.media.rooms.Publishing;
import dev.onair.media.viewers.Moves;
import dev.onair.media.viewers.Watching;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The input bindings of application.yml on Spring Cloud Stream's test binder: a record on
 * each consumed topic reaches its function as the Kafka binder delivers it (the value's
 * bytes, the key a header), every golden signal with a field from a future version
 * reaches its handler, a record that cannot be read fails at once with what is
 * dead-lettered, and one that fails for another reason (Redis away) is tried five times.
 * {@code PublishSignalingIT} and the other ITs run them on Kafka.
 */
@SpringBootTest(classes = BindingsTests.Functions.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class BindingsTests {

	private static final String ROOM = "0b5c3f4e-8a51-4d0e-9d7a-3f1f6f0b9a10";

	static final List<String> SIGNALS = KafkaGoldenExamples.SIGNALS_TO_MEDIA;

	@MockitoBean
	private Publishing publishing;

	@MockitoBean
	private Watching watching;

	@MockitoBean
	private Moves moves;

	@MockitoBean
	private Replies replies;

	@Autowired
	private InputDestination input;

	@Autowired
	private JsonMapper json;

	@Autowired
	@Qualifier(IntegrationContextUtils.ERROR_CHANNEL_BEAN_NAME)
	private PublishSubscribeChannel errors;

	private final List<Throwable> failures = new CopyOnWriteArrayList<>();

	@BeforeEach
	void collectFailures() {
		this.errors.subscribe((message) -> this.failures.add(((ErrorMessage) message).getPayload()));
	}

	@ParameterizedTest
	@FieldSource("SIGNALS")
	void everyGoldenSignalWithAFieldFromAFutureVersionReachesItsHandler(String example) {
		SignalToMedia signal = this.json.treeToValue(KafkaGoldenExamples.read(this.json, example), SignalToMedia.class);
		send(KafkaGoldenExamples.withAFieldFromAFutureVersion(this.json, example), Topics.SIGNAL_TO_MEDIA);

		switch (signal) {
			case SignalToMedia.Publish publish -> verify(this.publishing).publish(publish);
			case SignalToMedia.Unpublish unpublish -> verify(this.publishing).unpublish(unpublish);
			case SignalToMedia.Watch watch -> verify(this.watching).watch(watch);
			case SignalToMedia.Answer answer -> verify(this.watching).answer(answer);
			// Not the publisher's (the mock says so): the viewer's.
			case SignalToMedia.Ice ice -> verify(this.watching).ice(ice);
			case SignalToMedia.Quality quality -> verify(this.watching).quality(quality);
			case SignalToMedia.Unwatch unwatch -> verify(this.watching).unwatch(unwatch);
			case SignalToMedia.Move move -> verify(this.moves).move(move);
			case SignalToMedia.Left left -> {
				verify(this.watching).unwatch(left);
				verify(this.publishing).left(left);
			}
		}
		assertThat(this.failures).isEmpty();
	}

	@Test
	void aSignalOfATypeThisVersionDoesNotKnowIsRefusedToItsSender() {
		ObjectNode signal = (ObjectNode) KafkaGoldenExamples.read(this.json, "signal-to-media-watch.json");
		signal.put("type", "rewind");
		send(signal, Topics.SIGNAL_TO_MEDIA);

		verify(this.replies).error(eq(ROOM), eq("s-91bb04"), eq("message.unknown-type"), startsWith("media-service"));
		assertThat(this.failures).isEmpty();
	}

	@Test
	void anEndedBroadcastClosesItsRoomAndALiveOneDoesNot() {
		ObjectNode live = (ObjectNode) KafkaGoldenExamples.withAFieldFromAFutureVersion(this.json,
				"broadcast-changed.json");
		send(live, Topics.BROADCAST_STATE);
		verify(this.publishing, never()).end(any());

		send(live.put("status", "ENDED").put("version", 3).put("endedAt", "2026-11-25T13:00:00Z"),
				Topics.BROADCAST_STATE);
		verify(this.publishing).end(ROOM);
		assertThat(this.failures).isEmpty();
	}

	@Test
	void unreadableRecordsFailAtOnceWithWhatIsDeadLettered() {
		send("{not json", Topics.SIGNAL_TO_MEDIA);
		send("{\"type\":\"publish\",\"room\":\"" + ROOM + "\"}", Topics.SIGNAL_TO_MEDIA);
		send("{\"type\":\"rewind\",\"room\":\"" + ROOM + "\"}", Topics.SIGNAL_TO_MEDIA);
		send("[]", Topics.BROADCAST_STATE);

		assertThat(this.failures).map(NestedExceptionUtils::getMostSpecificCause)
			.satisfiesExactly((first) -> assertThat(first).isInstanceOf(JacksonException.class),
					(second) -> assertThat(second).isInstanceOf(InvalidSignalException.class),
					(third) -> assertThat(third).isInstanceOf(InvalidSignalException.class),
					(fourth) -> assertThat(fourth).isInstanceOf(JacksonException.class));
		verifyNoInteractions(this.publishing, this.watching, this.moves, this.replies);
	}

	@Test
	void aSignalThatFailsForAnotherReasonIsTriedFiveTimes() {
		JsonNode example = KafkaGoldenExamples.read(this.json, "signal-to-media-publish.json");
		SignalToMedia.Publish publish = this.json.treeToValue(example, SignalToMedia.Publish.class);
		doThrow(new IllegalStateException("Redis away")).when(this.publishing).publish(publish);
		send(example, Topics.SIGNAL_TO_MEDIA);

		verify(this.publishing, times(5)).publish(publish);
		assertThat(this.failures).map(NestedExceptionUtils::getMostSpecificCause)
			.singleElement()
			.isInstanceOf(IllegalStateException.class);
	}

	private void send(JsonNode value, String topic) {
		send(this.json.writeValueAsString(value), topic);
	}

	/**
	 * A record as the Kafka binder hands it over: the value's bytes, the key a header.
	 */
	private void send(String value, String topic) {
		Message<byte[]> record = MessageBuilder.withPayload(value.getBytes(StandardCharsets.UTF_8))
			.setHeader(KafkaHeaders.RECEIVED_KEY, ROOM.getBytes(StandardCharsets.UTF_8))
			.build();
		this.input.send(record, topic);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, ContextFunctionCatalogAutoConfiguration.class,
			CloudEventsFunctionExtensionConfiguration.class, BindingServiceConfiguration.class,
			FunctionConfiguration.class })
	@EnableTestBinder
	@Import({ SignalsToMedia.class, BroadcastStates.class })
	static class Functions {

	}

}
