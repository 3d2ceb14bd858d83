/**
 * The browser WebSocket surface ({@code /ws}): origin check, frame limits, keepalive,
 * reading and routing client frames, and the {@code hello} handshake.
 */
package dev.onair.gateway.ws;
