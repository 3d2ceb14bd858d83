/**
 * Which Janus node carries a room: the healthy node with the fewest rooms. Viewers go to
 * their room's node until cascading to edge nodes exists.
 */
package dev.onair.media.placement;
