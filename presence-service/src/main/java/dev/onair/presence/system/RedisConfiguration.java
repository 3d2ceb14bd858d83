package dev.onair.presence.system;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Redis connects at start-up, not on first use: the shared Lettuce connection is opened
 * with a blocking wait, and the first use may be {@code GET /api/rooms/{id}/viewers} on a
 * Netty event loop. Once open, Lettuce reconnects it by itself; without Redis the
 * instance does not start.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

	@Bean
	SmartInitializingSingleton redisConnection(LettuceConnectionFactory redis) {
		return redis::initConnection;
	}

}
