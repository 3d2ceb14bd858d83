package dev.onair.contract.media;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The room's publisher connected (media flows into Janus) or disconnected, on
 * {@code media.publisher-events} keyed by room. broadcast-service turns these into LIVE
 * and, after a grace period without a reconnect, ENDED.
 *
 * @param room room id (= broadcast id)
 * @param state what happened
 * @param session the publisher's gateway session
 * @param at when media-service saw it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublisherEvent(String room, PublisherState state, String session, Instant at) {

}
