/**
 * Media signaling relay: client SDP/ICE/quality frames go to media-service on
 * {@code signal.to-media} keyed by room; media-service's replies on
 * {@code signal.to-clients} reach the addressed session on whichever instance holds it.
 */
package dev.onair.gateway.signal;
