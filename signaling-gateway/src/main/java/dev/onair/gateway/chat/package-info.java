/**
 * Room chat: validation, rate limits, owner moderation (delete, timeout), history in
 * Redis, and the {@code chat.messages} topic every instance fans out to its sessions.
 */
package dev.onair.gateway.chat;
