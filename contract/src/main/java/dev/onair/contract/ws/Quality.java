package dev.onair.contract.ws;

import java.util.List;

/**
 * Client (viewer), pick a quality ({@code quality}): {@code auto}, {@code 720p} or
 * {@code 480p}.
 * <p>
 * The one definition of the qualities and layers: the gateway and media-service check
 * against it, and edge-web's tests check that the web client offers exactly
 * {@link #CHOICES}.
 */
public record Quality(String room, String quality) implements ClientMessage {

	/**
	 * Follows the viewer's network: the high layer, the low one after Janus reports a
	 * slow link, back up once it is calm. The default of {@code watch}.
	 */
	public static final String AUTO = "auto";

	/**
	 * The high simulcast layer (rid {@code h}), and the one layer of a publisher that
	 * does not simulcast.
	 */
	public static final String HIGH = "720p";

	/** The low simulcast layer (rid {@code l}). */
	public static final String LOW = "480p";

	/** Every quality a viewer may ask for, in {@code watch} or {@code quality}. */
	public static final List<String> CHOICES = List.of(AUTO, HIGH, LOW);

	/** {@link #CHOICES} as refusals name them. */
	public static final String CHOICES_TEXT = AUTO + ", " + HIGH + " or " + LOW;

	/** Whether {@code quality} is one of {@link #CHOICES} ({@code null} is not). */
	public static boolean isChoice(String quality) {
		return quality != null && CHOICES.contains(quality);
	}

}
