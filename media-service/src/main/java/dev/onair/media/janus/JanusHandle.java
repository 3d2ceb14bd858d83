package dev.onair.media.janus;

/** A VideoRoom plugin handle: where it lives and the ids Janus gave it. */
public record JanusHandle(JanusNode node, long session, long handle) {

}
