package dev.onair.gateway.whip;

import org.springframework.http.HttpStatus;

/**
 * What the WHIP and WHEP endpoints take as request bodies, refused with the problem RFC
 * 9725 names: an offer (size, an SDP, video, ICE credentials; the rest is media-service's
 * and Janus's to judge) and a trickle fragment, which may not restart ICE.
 */
final class SdpBodies {

	private SdpBodies() {
	}

	/**
	 * The offer's ICE username fragment.
	 * @param noVideo the detail when the offer has no active video section
	 */
	static String offerUfrag(String offer, String noVideo) {
		if (offer.length() > WhipSdp.MAX_OFFER) {
			throw WhipProblem.of(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Offer too large",
					"An offer may have at most " + WhipSdp.MAX_OFFER + " characters.");
		}
		if (!offer.startsWith("v=0")) {
			throw WhipProblem.unusableSdp("The body must be an SDP offer starting with v=0.");
		}
		if (!WhipSdp.hasVideo(offer)) {
			throw WhipProblem.unusableSdp(noVideo);
		}
		String ufrag = WhipSdp.iceUfrag(offer);
		if (ufrag == null || ufrag.isEmpty()) {
			throw WhipProblem.unusableSdp("The offer has no ICE credentials (a=ice-ufrag).");
		}
		return ufrag;
	}

	/** The request body as an RFC 8840 fragment. */
	static WhipSdp.Fragment fragment(String body) {
		if (body.length() > WhipSdp.MAX_FRAGMENT) {
			throw WhipProblem.of(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Fragment too large",
					"A trickle fragment may have at most " + WhipSdp.MAX_FRAGMENT + " characters.");
		}
		try {
			return WhipSdp.fragment(body);
		}
		catch (IllegalArgumentException ex) {
			throw WhipProblem.of(HttpStatus.BAD_REQUEST, "fragment-invalid", "Not a trickle fragment", ex.getMessage());
		}
	}

	/**
	 * Refuses a fragment with ICE credentials other than the offer's ({@code ufrag}): an
	 * ICE restart, which Janus takes only with a new offer.
	 * @param again what the client does instead
	 */
	static void requireNoRestart(WhipSdp.Fragment fragment, Object ufrag, String again) {
		if (fragment.ufrag() != null && !fragment.ufrag().equals(ufrag)) {
			throw WhipProblem.of(HttpStatus.UNPROCESSABLE_CONTENT, "ice-restart-unsupported",
					"ICE restart not supported", "This server takes trickled candidates only; " + again);
		}
	}

}
