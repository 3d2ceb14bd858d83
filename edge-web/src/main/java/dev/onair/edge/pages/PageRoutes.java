package dev.onair.edge.pages;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * Page URLs mapped to their HTML files. The broadcast id of {@code /watch/{id}} stays in
 * the URL; the page reads it from {@code location}.
 */
@Configuration(proxyBeanMethods = false)
class PageRoutes {

	@Bean
	RouterFunction<ServerResponse> pages() {
		return route(GET("/"), (request) -> page("index.html"))
			.andRoute(GET("/watch/{id}"), (request) -> page("watch.html"))
			.andRoute(GET("/studio"), (request) -> page("studio.html"))
			.andRoute(GET("/connection-test"), (request) -> page("connection-test.html"));
	}

	private static Mono<ServerResponse> page(String file) {
		Resource html = new ClassPathResource("static/" + file);
		// Pages name their scripts without a version; revalidating keeps them in step.
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_HTML)
			.cacheControl(CacheControl.noCache())
			.bodyValue(html);
	}

}
