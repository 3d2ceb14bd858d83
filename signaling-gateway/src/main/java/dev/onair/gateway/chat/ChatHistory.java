package dev.onair.gateway.chat;

import java.util.List;
import java.util.Set;

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

	private final int size;

	ChatHistory(ReactiveStringRedisTemplate redis, JsonMapper json, GatewayProperties properties) {
		this.redis = redis;
		this.json = json;
		this.size = properties.chat().history();
	}

	Mono<Void> append(ChatMessage message) {
		String key = GatewayKeys.chatHistory(message.room());
		return this.redis.opsForList()
			.rightPush(key, this.json.writeValueAsString(message))
			.then(this.redis.opsForList().trim(key, -this.size, -1))
			.then(this.redis.expire(key, GatewayKeys.CHAT_TTL))
			.then();
	}

	Mono<Void> markDeleted(String room, String id) {
		String key = GatewayKeys.chatDeleted(room);
		return this.redis.opsForSet().add(key, id).then(this.redis.expire(key, GatewayKeys.CHAT_TTL)).then();
	}

	/** The room's recent messages, oldest first, without deleted ones. */
	public Mono<List<ChatMessage>> recent(String room) {
		Mono<Set<String>> deleted = this.redis.opsForSet()
			.members(GatewayKeys.chatDeleted(room))
			.collect(java.util.stream.Collectors.toSet());
		Mono<List<String>> stored = this.redis.opsForList().range(GatewayKeys.chatHistory(room), 0, -1).collectList();
		// Parsed off Lettuce's event loop, which answers every Redis command of the
		// instance.
		return Mono.zip(stored, deleted)
			.publishOn(Schedulers.parallel())
			.map((both) -> both.getT1()
				.stream()
				.map((text) -> this.json.readValue(text, ChatMessage.class))
				.filter((message) -> !both.getT2().contains(message.id()))
				.toList());
	}

}
