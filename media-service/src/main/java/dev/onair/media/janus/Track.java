package dev.onair.media.janus;

/**
 * One m-line of a publisher's offer, in order: what a remote publisher on an edge node
 * must mirror for the origin's forwarded RTP to land in the right stream (Janus matches
 * the streams by position).
 *
 * @param type {@code audio}, {@code video} or {@code application}
 * @param mid the m-line's mid
 * @param active whether it carries media (port not 0)
 * @param simulcast whether it is video sent in the two layers
 * @param codec the codec Janus negotiates for it ({@code opus}, {@code vp8},
 * {@code h264}); {@code null} for data, and in state written before H.264 was accepted,
 * when video was always VP8
 */
public record Track(String type, String mid, boolean active, boolean simulcast, String codec) {

}
