package dev.onair.broadcast.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listeners' retry schedule: a PostgreSQL outage of 5 minutes is retried, not
 * dead-lettered, and the consumer never goes so long without polling that it leaves its
 * group.
 */
class ListenerBackOffTests {

	/**
	 * The listeners' own bound on one database call (PublisherEvents.DB_TIMEOUT).
	 */
	private static final Duration ATTEMPT = Duration.ofSeconds(10);

	@Test
	void theConfiguredWindowCoversAFiveMinuteDatabaseOutage() {
		assertThat(configuredWindow()).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
		assertThat(waits(configuredWindow()).stream().reduce(Duration.ZERO, Duration::plus))
			.as("back-off before a record is dead-lettered")
			.isGreaterThanOrEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void waitsStartShortAndStayFarBelowTheMaxPollInterval() {
		List<Duration> waits = waits(configuredWindow());
		assertThat(waits.getFirst()).isEqualTo(Duration.ofMillis(500));
		assertThat(waits).allSatisfy((wait) -> assertThat(wait).isLessThanOrEqualTo(ListenerRetry.MAX_BACK_OFF));
		Duration maxPollInterval = Duration.ofMillis(
				(Integer) ConsumerConfig.configDef().defaultValues().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG));
		assertThat(ListenerRetry.MAX_BACK_OFF.plus(ATTEMPT)).as("longest time between two polls while retrying")
			.isLessThan(maxPollInterval.dividedBy(10));
	}

	@Test
	void aShorterWindowGivesUpSooner() {
		List<Duration> waits = waits(Duration.ofSeconds(20));
		assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
				Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(10));
	}

	private static List<Duration> waits(Duration window) {
		BackOffExecution execution = ListenerRetry.backOff(window).start();
		List<Duration> waits = new ArrayList<>();
		for (long next = execution.nextBackOff(); next != BackOffExecution.STOP; next = execution.nextBackOff()) {
			waits.add(Duration.ofMillis(next));
		}
		return waits;
	}

	/** The default of {@code onair.kafka.listener-retry-window} in application.yml. */
	private static Duration configuredWindow() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yml"));
		String value = yaml.getObject().getProperty("onair.kafka.listener-retry-window");
		String fallback = value.substring(value.indexOf(':') + 1, value.lastIndexOf('}'));
		return DurationStyle.detectAndParse(fallback);
	}

}
