package dev.onair.gateway.moderation;

import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

import dev.onair.contract.Topics;
import dev.onair.contract.ws.ChatBan;
import dev.onair.contract.ws.ChatTimeout;
import dev.onair.contract.ws.ChatUnban;
import dev.onair.gateway.kafka.KafkaSends;
import dev.onair.gateway.session.Refusal;
import dev.onair.gateway.session.Role;
import dev.onair.gateway.session.Session;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * The owner's sanctions: {@code chat.timeout}, {@code chat.ban} and {@code chat.unban},
 * keyed by room and the user's signed session identity, recorded on
 * {@code moderation.sanctions}. The latest sanction of a user in a room wins: a timeout
 * after a ban replaces the ban.
 */
@Service
public class Moderation {

	static final int MAX_TIMEOUT_SECONDS = 86_400;

	/**
	 * Every instance keeps every room's sanctions in memory; an owner typing ids at frame
	 * rate must not grow that without bound. Far more than a real chat bans.
	 */
	static final int MAX_SANCTIONS_PER_ROOM = 10_000;

	/** Session ids are short tokens; anything else is not one of ours. */
	private static final Pattern USER = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final Sanctions sanctions;

	private final KafkaSends kafka;

	private final Clock clock = Clock.systemUTC();

	Moderation(Sanctions sanctions, KafkaSends kafka) {
		this.sanctions = sanctions;
		this.kafka = kafka;
	}

	/** Only the room's publisher is its owner and moderates it. */
	public static void requireOwner(Session session, String room) {
		if (session.requireIn(room) != Role.PUBLISHER) {
			throw new Refusal("room.owner-only", "Only the room's owner may moderate its chat");
		}
	}

	public Mono<Void> timeout(Session session, ChatTimeout timeout) {
		requireSanctionable(session, "chat.timeout", timeout.room(), timeout.user());
		if (timeout.seconds() == null || timeout.seconds() < 1 || timeout.seconds() > MAX_TIMEOUT_SECONDS) {
			throw new Refusal("field.invalid", "chat.timeout seconds must be 1–" + MAX_TIMEOUT_SECONDS);
		}
		Instant now = this.clock.instant();
		return record(new Sanction(timeout.room(), timeout.user(), Sanction.TIMEOUT, now.plusSeconds(timeout.seconds()),
				now));
	}

	public Mono<Void> ban(Session session, ChatBan ban) {
		requireSanctionable(session, "chat.ban", ban.room(), ban.user());
		return record(new Sanction(ban.room(), ban.user(), Sanction.BAN, null, this.clock.instant()));
	}

	public Mono<Void> unban(Session session, ChatUnban unban) {
		requireSanctionable(session, "chat.unban", unban.room(), unban.user());
		return this.kafka.tombstone(Topics.MODERATION_SANCTIONS, Sanction.key(unban.room(), unban.user()))
			.then(Mono.fromRunnable(() -> this.sanctions.lifted(unban.room(), unban.user())));
	}

	private static void requireSanctionable(Session session, String type, String room, String user) {
		requireOwner(session, room);
		if (user == null || user.isBlank()) {
			throw new Refusal("field.missing", type + " needs user");
		}
		if (!USER.matcher(user).matches()) {
			throw new Refusal("field.invalid", type + " user must be a session id (1–64 letters, digits, '-', '_')");
		}
		if (user.equals(session.id())) {
			throw new Refusal("field.invalid", type + " user must be someone else than the owner");
		}
	}

	private Mono<Void> record(Sanction sanction) {
		if (this.sanctions.count(sanction.room()) >= MAX_SANCTIONS_PER_ROOM
				&& !this.sanctions.holds(sanction.room(), sanction.user())) {
			throw new Refusal("moderation.limit", "A room keeps at most " + MAX_SANCTIONS_PER_ROOM
					+ " timeouts and bans; lift one with chat.unban first");
		}
		return this.kafka.send(Topics.MODERATION_SANCTIONS, Sanction.key(sanction.room(), sanction.user()), sanction)
			.then(Mono.fromRunnable(() -> this.sanctions.applied(sanction)));
	}

}
