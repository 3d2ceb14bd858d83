package dev.onair.broadcast.system;

import dev.onair.broadcast.owner.OwnerTokenProperties;
import dev.onair.contract.OwnerTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OwnerTokenConfig {

	private static final Logger log = LoggerFactory.getLogger(OwnerTokenConfig.class);

	@Bean
	OwnerTokens ownerTokens(OwnerTokenProperties properties) {
		OwnerTokens tokens = new OwnerTokens(properties.keys());
		// Which key mints tells an operator mid-rotation whether the new key is in place.
		log.info("Owner tokens minted with key id {}, {} older key(s) still verify", tokens.currentKeyId(),
				properties.keys().size() - 1);
		return tokens;
	}

}
