package dev.onair.broadcast.thumbnail;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImageFormatTests {

	@Test
	void recognisesJpegPngAndWebpByTheirFirstBytes() {
		assertThat(ImageFormat.of(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10))).contains(ImageFormat.JPEG);
		assertThat(ImageFormat.of(bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0))).contains(ImageFormat.PNG);
		assertThat(ImageFormat.of(ascii("RIFF\u0024\0\0\0WEBPVP8 "))).contains(ImageFormat.WEBP);
	}

	@Test
	void anythingElseIsNoImageWhateverItClaims() {
		assertThat(ImageFormat.of(new byte[0])).isEmpty();
		assertThat(ImageFormat.of(bytes(0xFF, 0xD8))).as("a truncated JPEG marker").isEmpty();
		assertThat(ImageFormat.of(ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"))).isEmpty();
		assertThat(ImageFormat.of(ascii("<!DOCTYPE html><script>"))).isEmpty();
		assertThat(ImageFormat.of(ascii("GIF89a"))).isEmpty();
		assertThat(ImageFormat.of(ascii("RIFF\u0024\0\0\0WAVEfmt "))).as("RIFF, but audio").isEmpty();
		assertThat(ImageFormat.of(ascii("\u0089PNG\r\n"))).as("a cut PNG signature").isEmpty();
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
