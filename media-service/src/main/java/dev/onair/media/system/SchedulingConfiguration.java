package dev.onair.media.system;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Two schedulers. Janus session keepalives run alone on {@code janus-keepalive}: a pass
 * of the auto-quality step-up waits on Janus and Redis for every viewer it moves, and
 * sharing its thread could push keepalives past Janus's {@code session_timeout}. The
 * keepalive thread never waits (BlockHound fails the integration tests if it does; see
 * docs/development.md). Everything else runs on Spring's default scheduler.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfiguration {

	/**
	 * Boot's default scheduler, declared because a second scheduler bean turns Boot's off
	 * (and {@code @Scheduled} would then pick the keepalive one).
	 */
	@Bean
	ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return builder.build();
	}

	/** Named in {@code RoomUpkeep}'s {@code @Scheduled}. */
	@Bean
	ThreadPoolTaskScheduler janusKeepaliveScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("janus-keepalive-");
		return scheduler;
	}

}
