/**
 * Broadcast thumbnails: the owner uploads a small JPEG or WebP, anyone fetches it with
 * ETag revalidation; the first upload puts its URL into the snapshot.
 */
package dev.onair.broadcast.thumbnail;
