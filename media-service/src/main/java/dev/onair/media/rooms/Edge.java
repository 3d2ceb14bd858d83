package dev.onair.media.rooms;

/**
 * A room cascaded to another Janus node: a remote publisher there, fed with plain RTP by
 * the origin's {@code publish_remotely}. Kept in Redis with the room.
 *
 * @param room room id
 * @param node the edge node's id
 * @param janusSession the Janus session on the edge holding the room's handles there
 * @param handle the handle that created the room and the remote publisher on the edge
 * @param feed the remote publisher's id on the edge: what viewers there subscribe to
 * @param remoteId the forward's name on the origin
 */
public record Edge(String room, String node, long janusSession, long handle, String feed, String remoteId) {

}
