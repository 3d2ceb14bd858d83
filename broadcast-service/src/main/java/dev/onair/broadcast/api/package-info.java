/**
 * The broadcast HTTP API under {@code /api/broadcasts}: create, read, edit and end, with
 * input validation that names every bad field.
 */
package dev.onair.broadcast.api;
