/**
 * The fuzz run of issue 14: hostile WebSocket frames at the gateways (directly and
 * through edge-web) and hostile REST requests at edge-web's {@code /api}, generated from
 * a seed, against the running stack. What every frame and request got back is counted; a
 * 5xx, a frame left unanswered, a connection closed for anything but an oversize frame,
 * or a service not UP afterwards is a finding.
 */
package dev.onair.systemtest.fuzz;
