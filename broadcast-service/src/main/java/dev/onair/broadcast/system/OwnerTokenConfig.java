package dev.onair.broadcast.system;

import dev.onair.broadcast.owner.OwnerTokenProperties;
import dev.onair.contract.OwnerTokens;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OwnerTokenConfig {

	@Bean
	OwnerTokens ownerTokens(OwnerTokenProperties properties) {
		return new OwnerTokens(properties.key());
	}

}
