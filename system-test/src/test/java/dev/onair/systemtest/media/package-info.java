/**
 * Media-plane journeys in headless Chromium with the fake camera: publishing with
 * simulcast, watching, layer switches, TURN relay and the broadcast lifecycle driven by
 * media.
 */
package dev.onair.systemtest.media;
