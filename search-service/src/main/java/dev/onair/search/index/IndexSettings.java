package dev.onair.search.index;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How fresh searches are.
 *
 * @param maxStaleness longest time a written change may stay invisible to searches; the
 * background reopen runs at this interval
 */
@ConfigurationProperties("onair.search.index")
public record IndexSettings(@DefaultValue("100ms") Duration maxStaleness) {

}
