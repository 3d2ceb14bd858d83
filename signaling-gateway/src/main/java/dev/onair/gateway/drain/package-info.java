/**
 * Graceful drain on shutdown: readiness off, every client told to reconnect elsewhere
 * with a jittered delay, a bounded wait for them to go, then the rest is closed.
 */
package dev.onair.gateway.drain;
