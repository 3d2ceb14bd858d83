package dev.onair.broadcast.thumbnail;

/**
 * A stored thumbnail.
 *
 * @param contentType {@code image/jpeg} or {@code image/webp}
 * @param etag strong ETag, quoted
 * @param bytes the image
 */
record Thumbnail(String contentType, String etag, byte[] bytes) {

}
