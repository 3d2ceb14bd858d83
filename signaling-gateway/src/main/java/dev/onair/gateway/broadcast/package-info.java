/**
 * Which broadcasts exist and where each is in its lifecycle, read from
 * {@code broadcast.state}: rights in rooms are tied to real broadcasts.
 */
package dev.onair.gateway.broadcast;
