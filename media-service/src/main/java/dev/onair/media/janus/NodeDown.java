package dev.onair.media.janus;

/** A Janus node stopped answering; every session and handle on it is gone. */
public record NodeDown(JanusNode node) {

}
