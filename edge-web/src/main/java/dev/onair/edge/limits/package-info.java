/**
 * Per client address limits of the public origin: open {@code /ws} connections and the
 * request rate on {@code /api}, so one address cannot take an instance's sockets or the
 * services' capacity from everyone else.
 */
package dev.onair.edge.limits;
