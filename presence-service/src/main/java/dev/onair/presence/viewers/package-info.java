/**
 * Viewer counts leave the service here: coalesced {@code presence.viewer-counts} records
 * (compacted, keyed by room) and {@code GET /api/rooms/{id}/viewers}.
 */
package dev.onair.presence.viewers;
