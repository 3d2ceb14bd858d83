package dev.onair.broadcast.thumbnail;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.http.MediaType;

/**
 * The image formats a thumbnail may have, recognised by their first bytes, never by the
 * declared {@code Content-Type}: a thumbnail is served to every visitor with the type
 * found here (and {@code nosniff}), so an HTML or SVG page sent as "image/jpeg" cannot
 * become a page on our origin.
 */
enum ImageFormat {

	/** SOI marker followed by the next marker's 0xFF. */
	JPEG(MediaType.IMAGE_JPEG) {
		@Override
		boolean starts(byte[] bytes) {
			return startsWith(bytes, 0, new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF });
		}
	},

	/** The 8-byte PNG signature. */
	PNG(MediaType.IMAGE_PNG) {
		@Override
		boolean starts(byte[] bytes) {
			return startsWith(bytes, 0, new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		}
	},

	/** A RIFF container whose form type is WEBP. */
	WEBP(MediaType.parseMediaType("image/webp")) {
		@Override
		boolean starts(byte[] bytes) {
			return startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"));
		}
	};

	private final MediaType type;

	ImageFormat(MediaType type) {
		this.type = type;
	}

	MediaType type() {
		return this.type;
	}

	abstract boolean starts(byte[] bytes);

	static Optional<ImageFormat> of(byte[] bytes) {
		return Arrays.stream(values()).filter((format) -> format.starts(bytes)).findFirst();
	}

	private static boolean startsWith(byte[] bytes, int offset, byte[] magic) {
		return bytes.length >= offset + magic.length
				&& Arrays.equals(bytes, offset, offset + magic.length, magic, 0, magic.length);
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
