package dev.onair.gateway.health;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One canary trip on {@code gateway.canary}; only the gateway that sent it reads it back.
 *
 * @param gateway the sending instance
 * @param nonce this trip's id
 * @param sentAt when the trip started
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CanaryPing(String gateway, String nonce, Instant sentAt) {

}
