package dev.onair.broadcast.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the outbox relay and the lifecycle sweeper. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {

}
