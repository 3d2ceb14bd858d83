package dev.onair.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives a test gateway its own Netty event loops. Reactor Netty shares global loops per
 * JVM, and a context that stops disposes them, which would take down every other instance
 * running in the same test JVM.
 */
@Configuration(proxyBeanMethods = false)
class OwnEventLoops {

	@Bean
	ReactorResourceFactory reactorResourceFactory() {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setUseGlobalResources(false);
		return factory;
	}

}
