package dev.onair.broadcast.thumbnail;

/**
 * A stored thumbnail.
 *
 * @param contentType {@code image/jpeg}, {@code image/png} or {@code image/webp}, as the
 * bytes say
 * @param etag strong ETag, quoted
 * @param bytes the image
 */
record Thumbnail(String contentType, String etag, byte[] bytes) {

}
