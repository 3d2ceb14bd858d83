package dev.onair.presence.heartbeat;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gateway heartbeat expiry.
 *
 * @param ttl a gateway silent in a room for this long loses its sessions there; several
 * heartbeat periods, so one late heartbeat does not drop anybody
 * @param sweepInterval how often overdue leases are looked for; bounds how late after the
 * TTL the sessions go
 */
@ConfigurationProperties("onair.presence.heartbeat")
public record HeartbeatProperties(@DefaultValue("15s") Duration ttl, @DefaultValue("1s") Duration sweepInterval) {

}
