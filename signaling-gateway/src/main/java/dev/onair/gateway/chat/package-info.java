/**
 * Room chat: validation, rate limits, the owner's deletions (timeouts and bans:
 * {@code moderation}), history in Redis, and the {@code chat.messages} topic every
 * instance fans out to its sessions.
 */
package dev.onair.gateway.chat;
