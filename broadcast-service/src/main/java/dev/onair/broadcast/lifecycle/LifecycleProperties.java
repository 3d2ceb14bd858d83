package dev.onair.broadcast.lifecycle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifecycle timing ({@code onair.lifecycle.*}).
 *
 * @param publisherGrace how long a LIVE broadcast survives without its publisher; a
 * reconnect within it keeps the broadcast LIVE
 * @param readyTtl how long a READY broadcast may wait for its publisher before it is
 * ended
 * @param sweepInterval how often the grace and READY deadlines are checked
 */
@ConfigurationProperties("onair.lifecycle")
public record LifecycleProperties(@DefaultValue("30s") Duration publisherGrace, @DefaultValue("2h") Duration readyTtl,
		@DefaultValue("1s") Duration sweepInterval) {

}
