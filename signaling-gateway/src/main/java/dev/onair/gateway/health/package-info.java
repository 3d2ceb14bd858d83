/**
 * Whether this instance can do its job right now, found by doing it: a canary round trip
 * through Redis and Kafka that turns readiness off, and sends clients elsewhere, when it
 * fails.
 */
package dev.onair.gateway.health;
