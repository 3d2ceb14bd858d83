/**
 * The Janus API client: one WebSocket per Janus node on the private network, request
 * transactions, the API secret, and our own ping so a node that silently stops answering
 * is marked down within seconds.
 */
package dev.onair.media.janus;
