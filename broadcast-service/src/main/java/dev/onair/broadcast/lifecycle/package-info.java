/**
 * The broadcast lifecycle driven by other services: READY → LIVE when media-service
 * reports the publisher, LIVE → ENDED after the publisher has been gone past the grace
 * period, READY → ENDED when never started, and viewer peaks from presence-service.
 */
package dev.onair.broadcast.lifecycle;
