package dev.onair.gateway.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.onair.contract.ws.ChatMessage;
import dev.onair.gateway.GatewayKeys;
import dev.onair.gateway.system.GatewayProperties;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The last messages of each room in Redis, shared by every instance, so a late joiner (or
 * a client resuming on another instance) gets what it missed.
 */
@Component
public class ChatHistory {

	private final ReactiveStringRedisTemplate redis;

	private final JsonMapper json;

	/** Messages a join without {@code since} gets. */
	private final int recent;

	/** Messages kept, all of them given to a join whose {@code since} is among them. */
	private final int kept;

	/** How long before {@code since} a join with it gets messages again. */
	private final Duration overlap;

	ChatHistory(ReactiveStringRedisTemplate redis, JsonMapper json, GatewayProperties properties) {
		this.redis = redis;
		this.json = json;
		this.recent = properties.chat().history();
		this.kept = properties.chat().kept();
		this.overlap = properties.chat().sinceOverlap();
	}

	Mono<Void> append(ChatMessage message) {
		String key = GatewayKeys.chatHistory(message.room());
		return this.redis.opsForList()
			.rightPush(key, this.json.writeValueAsString(message))
			.then(this.redis.opsForList().trim(key, -this.kept, -1))
			.then(this.redis.expire(key, GatewayKeys.CHAT_TTL))
			.then();
	}

	Mono<Void> markDeleted(String room, String id) {
		String key = GatewayKeys.chatDeleted(room);
		return this.redis.opsForSet().add(key, id).then(this.redis.expire(key, GatewayKeys.CHAT_TTL)).then();
	}

	/**
	 * The room's messages from a little before {@code since} on while it is kept (see
	 * {@link #missedSince}), else the last few; oldest first, without deleted ones. The
	 * last few are read first, since a client coming back has mostly missed less than
	 * that: only a longer absence reads the whole list.
	 */
	public Mono<List<ChatMessage>> since(String room, String since) {
		String key = GatewayKeys.chatHistory(room);
		Mono<List<ChatMessage>> last = read(key, -this.recent, -1);
		if (since == null) {
			return withoutDeleted(room, last);
		}
		// The last few are all there is, or hold since and the overlap before it.
		Mono<List<ChatMessage>> missed = last
			.flatMap((few) -> (few.size() < this.recent || missedSince(few, since, this.overlap) > 0)
					? Mono.just(missed(few, since)) : read(key, -this.kept, -1).map((all) -> missed(all, since)));
		return withoutDeleted(room, missed);
	}

	private List<ChatMessage> missed(List<ChatMessage> messages, String since) {
		int from = missedSince(messages, since, this.overlap);
		return (from >= 0) ? messages.subList(from, messages.size())
				: messages.subList(Math.max(0, messages.size() - this.recent), messages.size());
	}

	/**
	 * Where, in the history, a client whose last message is {@code since} may have missed
	 * some: -1 when {@code since} is not among them. Not just after it: the history is in
	 * the order the gateways wrote it (before sending to Kafka), while clients get
	 * messages in Kafka's order, and a message written before {@code since} may reach
	 * Kafka after it (it was still being sent); a client that moved in between has
	 * {@code since} but not that message (the rolling-restart drill found one). So the
	 * messages written up to {@code overlap} before {@code since} come again, and
	 * {@code since} itself; clients skip the ids they have.
	 */
	static int missedSince(List<ChatMessage> messages, String since, Duration overlap) {
		int at = indexOf(messages, since);
		if (at < 0) {
			return -1;
		}
		Instant from = messages.get(at).at().minus(overlap);
		int first = at;
		while (first > 0 && !messages.get(first - 1).at().isBefore(from)) {
			first--;
		}
		return first;
	}

	private Mono<List<ChatMessage>> read(String key, long from, long to) {
		// Parsed off Lettuce's event loop, which answers every Redis command of the
		// instance.
		return this.redis.opsForList()
			.range(key, from, to)
			.collectList()
			.publishOn(Schedulers.parallel())
			.map((texts) -> texts.stream().map((text) -> this.json.readValue(text, ChatMessage.class)).toList());
	}

	private Mono<List<ChatMessage>> withoutDeleted(String room, Mono<List<ChatMessage>> messages) {
		Mono<Set<String>> deleted = this.redis.opsForSet()
			.members(GatewayKeys.chatDeleted(room))
			.collect(Collectors.toSet());
		return Mono.zip(messages, deleted)
			.map((both) -> both.getT1().stream().filter((message) -> !both.getT2().contains(message.id())).toList());
	}

	private static int indexOf(List<ChatMessage> messages, String id) {
		for (int i = messages.size() - 1; i >= 0; i--) {
			if (messages.get(i).id().equals(id)) {
				return i;
			}
		}
		return -1;
	}

}
