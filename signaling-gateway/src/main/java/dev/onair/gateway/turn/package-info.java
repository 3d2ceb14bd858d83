/**
 * Short-lived TURN credentials for the browser's ICE servers, in the TURN REST API scheme
 * coturn verifies with {@code use-auth-secret}.
 */
package dev.onair.gateway.turn;
