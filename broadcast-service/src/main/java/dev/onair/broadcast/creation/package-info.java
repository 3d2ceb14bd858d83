/**
 * Limits on creating broadcasts: each one costs a row, a snapshot every gateway and
 * search instance keeps, and a room's worth of rights, so one address gets a few at a
 * time ({@code 429} with {@code Retry-After} beyond that).
 */
package dev.onair.broadcast.creation;
