/**
 * How the HTTP API reports errors: {@code application/problem+json} with {@code type},
 * {@code title}, {@code status}, {@code detail} and, for invalid input, every bad field.
 */
package dev.onair.broadcast.problem;
