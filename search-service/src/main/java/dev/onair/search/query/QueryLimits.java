package dev.onair.search.query;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on what a search request may ask for.
 *
 * @param maxQueryLength longest {@code q} accepted, in characters
 * @param defaultPageSize page size when {@code size} is absent
 * @param maxPageSize largest {@code size} accepted
 * @param maxResultWindow deepest result reachable by paging ({@code (page + 1) * size})
 */
@ConfigurationProperties("onair.search.query")
record QueryLimits(@DefaultValue("200") int maxQueryLength, @DefaultValue("20") int defaultPageSize,
		@DefaultValue("100") int maxPageSize, @DefaultValue("10000") int maxResultWindow) {

}
