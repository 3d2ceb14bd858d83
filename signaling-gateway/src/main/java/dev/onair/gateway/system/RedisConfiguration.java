package dev.onair.gateway.system;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Redis connects at start-up, not on first use: the shared Lettuce connection is opened
 * with a blocking wait, and the first use is a Netty event loop handling a client's
 * {@code hello} (BlockHound caught it there). Once open, Lettuce reconnects it by itself.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

	@Bean
	static BeanPostProcessor eagerRedisConnection() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String name) {
				if (bean instanceof LettuceConnectionFactory factory) {
					factory.setEagerInitialization(true);
				}
				return bean;
			}

		};
	}

}
