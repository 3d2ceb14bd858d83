/**
 * Failure drills (issue 15, docs/reliability.md): a live broadcast with a publisher,
 * three viewers in Chromium and a chat bot while a part of the stack is killed, restarted
 * or flushed. The quick ones ({@code QuickDrillsIT}) run in {@code ./onair test}; the
 * others ({@code Drills}, not {@code *IT}) only in {@code ./onair drill}.
 */
package dev.onair.systemtest.drill;
