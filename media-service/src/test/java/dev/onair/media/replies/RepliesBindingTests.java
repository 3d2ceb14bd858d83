package dev.onair.media.replies;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.onair.contract.Topics;
import dev.onair.contract.signal.SignalToClient;
import dev.onair.media.KafkaGoldenExamples;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.function.cloudevent.CloudEventsFunctionExtensionConfiguration;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.cloud.stream.config.BindingServiceConfiguration;
import org.springframework.cloud.stream.function.FunctionConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replies to clients on the {@code signalsToClients-out-0} binding of application.yml, on
 * Spring Cloud Stream's test binder: each kind goes to {@code signal.to-clients}, keyed
 * by room, in exactly its golden example's wire form (but for {@code at}, the moment it
 * was made).
 */
@SpringBootTest(classes = RepliesBindingTests.RepliesOnTheTestBinder.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RepliesBindingTests {

	static final List<String> REPLIES = KafkaGoldenExamples.SIGNALS_TO_CLIENTS;

	/** Publisher events: RepliesIT and PublisherEventRetryIT. */
	@MockitoBean
	private KafkaTemplate<String, String> kafka;

	@Autowired
	private Replies replies;

	@Autowired
	private OutputDestination output;

	@Autowired
	private JsonMapper json;

	@ParameterizedTest
	@FieldSource("REPLIES")
	void eachReplyGoesOutKeyedByRoomInItsGoldenWireForm(String example) {
		JsonNode golden = KafkaGoldenExamples.read(this.json, example);
		SignalToClient reply = this.json.treeToValue(golden, SignalToClient.class);
		make(reply);

		Message<byte[]> sent = this.output.receive(5000, Topics.SIGNAL_TO_CLIENTS);
		assertThat(sent).as("a reply on " + Topics.SIGNAL_TO_CLIENTS).isNotNull();
		assertThat(sent.getHeaders().get(KafkaHeaders.KEY)).isEqualTo(reply.room().getBytes(StandardCharsets.UTF_8));
		ObjectNode written = (ObjectNode) this.json.readTree(sent.getPayload());
		assertThat(written.path("at").isString()).as("stamped when made").isTrue();
		assertThat(written.set("at", golden.get("at"))).isEqualTo(golden);
	}

	/** Makes the reply the way media-service's features do. */
	private void make(SignalToClient reply) {
		switch (reply) {
			case SignalToClient.Answer answer -> this.replies.answer(answer.room(), answer.session(), answer.sdp());
			case SignalToClient.Offer offer -> this.replies.offer(offer.room(), offer.session(), offer.sdp());
			case SignalToClient.Ice ice -> this.replies.ice(ice.room(), ice.session(), ice.candidate());
			case SignalToClient.Layer layer ->
				this.replies.layer(layer.room(), layer.session(), layer.layer(), layer.layers());
			case SignalToClient.Ended ended -> this.replies.ended(ended.room());
			case SignalToClient.ErrorMessage error ->
				this.replies.error(error.room(), error.session(), error.code(), error.message());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, ContextFunctionCatalogAutoConfiguration.class,
			CloudEventsFunctionExtensionConfiguration.class, BindingServiceConfiguration.class,
			FunctionConfiguration.class })
	@EnableTestBinder
	@Import(Replies.class)
	static class RepliesOnTheTestBinder {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
