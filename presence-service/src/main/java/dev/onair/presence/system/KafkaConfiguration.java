package dev.onair.presence.system;

import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import dev.onair.presence.sessions.SessionDeadLetters;

import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;

/**
 * What happens to a batch of session events that cannot be applied (everything else about
 * the bindings and their topics is in application.yml). The binder does not retry
 * batches; this customizer hands the binding's retry settings to the container, whose
 * error handler retries the whole batch with that back-off, then sends its records to the
 * dead-letter topic one by one.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	ListenerContainerWithDlqAndRetryCustomizer batchRetries(SessionDeadLetters deadLetters) {
		return new ListenerContainerWithDlqAndRetryCustomizer() {

			@Override
			public void configure(AbstractMessageListenerContainer<?, ?> container, String destination, String group,
					BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff,
					ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
				// sessionEvents-in-0 is the only batch binding; the binder passes a
				// back-off
				// when its max-attempts is above 1.
				if (properties.isBatchMode() && backOff != null) {
					container.setCommonErrorHandler(new DefaultErrorHandler(deadLetters::send, backOff));
				}
			}

			@Override
			public void configure(AbstractMessageListenerContainer<?, ?> container, String destination, String group,
					BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
					BackOff backOff) {
				// Only called through the method above.
			}

		};
	}

}
