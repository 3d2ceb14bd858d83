package dev.onair.presence.heartbeat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.onair.presence.membership.GatewayLease;
import dev.onair.presence.membership.Membership;
import dev.onair.presence.membership.RoomCount;
import dev.onair.presence.sessions.AssignedRooms;
import dev.onair.presence.viewers.ViewerCountPublisher;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Periodically drops the sessions of gateways whose lease ran out, in the rooms this
 * instance has owned for at least one lease (the owner of the rest does the same for
 * them). A partition just assigned here may hold heartbeats not read yet: a presence
 * instance restarted after kill -9 got its partitions when the dead member's session ran
 * out, 45 s on, found every lease 45 s old and counted the room 0 until it had read the
 * heartbeats waiting for it (drill presence-kill). Nor does it expire anything until
 * Kafka has been reachable for a whole lease ({@link KafkaReachability}): while Kafka is
 * away no gateway can heartbeat, and once it is back they need that long to do so again.
 * A gateway that died meanwhile loses its sessions one lease after Kafka's return.
 */
@Component
class GatewayExpiry {

	private static final Logger log = LoggerFactory.getLogger(GatewayExpiry.class);

	private final Membership membership;

	private final AssignedRooms rooms;

	private final ViewerCountPublisher counts;

	private final KafkaReachability kafka;

	private final HeartbeatProperties properties;

	GatewayExpiry(Membership membership, AssignedRooms rooms, ViewerCountPublisher counts, KafkaReachability kafka,
			HeartbeatProperties properties) {
		this.membership = membership;
		this.rooms = rooms;
		this.counts = counts;
		this.kafka = kafka;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${onair.presence.heartbeat.sweep-interval:1s}")
	void expireSilentGateways() {
		if (!this.kafka.reachableForAtLeast(this.properties.ttl())) {
			return;
		}
		try {
			for (GatewayLease lease : this.membership.overdue(this.properties.ttl())) {
				if (this.rooms.ownsForAtLeast(lease.room(), this.properties.ttl())) {
					expire(lease);
				}
			}
		}
		catch (RuntimeException ex) {
			// Redis unreachable: the next sweep tries again; nothing is lost meanwhile.
			log.warn("Gateway expiry sweep failed", ex);
		}
	}

	private void expire(GatewayLease lease) {
		RoomCount count = this.membership.expire(lease, this.properties.ttl());
		if (count.changed()) {
			log.atInfo()
				.addKeyValue("room", lease.room())
				.addKeyValue("gateway", lease.gateway())
				.addKeyValue("viewers", count.viewers())
				.log("Gateway stopped heartbeating; its sessions expired");
			this.counts.changed(lease.room());
		}
	}

}
