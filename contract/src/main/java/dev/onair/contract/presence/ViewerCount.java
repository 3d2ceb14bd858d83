package dev.onair.contract.presence;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The exact number of viewers in a room, on the compacted topic
 * {@code presence.viewer-counts} keyed by room; coalesced to at most one per 250 ms per
 * room.
 *
 * @param room room id (= broadcast id)
 * @param viewers viewers now (publishers are not counted)
 * @param peak highest count seen for the room
 * @param at when it was counted
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ViewerCount(String room, long viewers, long peak, Instant at) {

}
