/**
 * The single public origin's routing: {@code /api/**} to the service that owns each
 * resource and {@code /ws} to the signaling gateways, every target overridable by
 * environment variable.
 */
package dev.onair.edge.routing;
