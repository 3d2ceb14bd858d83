package dev.onair.presence.viewers;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often a changing room may publish its count.
 *
 * @param interval minimum time between two counts of one room; a change after a quiet
 * period of at least this long is published at once
 */
@ConfigurationProperties("onair.presence.counts")
public record CountProperties(@DefaultValue("250ms") Duration interval) {

}
