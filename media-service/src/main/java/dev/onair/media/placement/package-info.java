/**
 * Which Janus node carries what: a new room goes to the healthy node with the fewest
 * rooms (its origin); a viewer goes to a node carrying the room with free places, or the
 * room is cascaded to the least loaded node that has some. Loads and capacities are in
 * Redis, shared by every instance.
 */
package dev.onair.media.placement;
