/**
 * The broadcast row and the only way it changes: every change runs in one transaction
 * that locks the row, applies a lifecycle rule and, when the visible state changed,
 * writes the next versioned snapshot to the outbox.
 */
package dev.onair.broadcast.state;
