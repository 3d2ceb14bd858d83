package dev.onair.systemtest.media;

import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Page;

/**
 * A WHIP client as RFC 9725 describes one, on Chromium's {@code RTCPeerConnection} and
 * {@code fetch}, with the fake camera: no studio page, no WebSocket. The page keeps its
 * publication in {@code window.whip} for the test to read.
 */
final class WhipPages {

	private WhipPages() {
	}

	/**
	 * Offers the fake camera to {@code room}'s WHIP endpoint. Like OBS, it waits for its
	 * candidates and sends them in the offer, unless {@code trickle}: then it posts at
	 * once and sends them with PATCH as they come. {@code h264} offers H.264 only.
	 * @return {@code status}, {@code body}, {@code location}, {@code links} (the Link
	 * headers) and {@code contentType} of the POST's response
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> publish(Page page, String room, String token, boolean h264, boolean trickle) {
		return (Map<String, Object>) page.evaluate(
				"""
						async ([room, token, h264, trickle]) => {
						  const pc = new RTCPeerConnection();
						  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 1280, height: 720 } });
						  pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendonly' });
						  const video = pc.addTransceiver(stream.getVideoTracks()[0], { direction: 'sendonly' });
						  if (h264) {
						    const codecs = RTCRtpSender.getCapabilities('video').codecs;
						    video.setCodecPreferences(codecs.filter((c) => c.mimeType === 'video/H264' || c.mimeType === 'video/rtx'));
						  }
						  const candidates = [];
						  let gathered = false;
						  pc.addEventListener('icecandidate', (e) => { if (e.candidate) candidates.push(e.candidate); else gathered = true; });
						  await pc.setLocalDescription(await pc.createOffer());
						  if (!trickle) {
						    await new Promise((resolve) => {
						      const done = () => { if (pc.iceGatheringState === 'complete') resolve(); };
						      pc.addEventListener('icegatheringstatechange', done);
						      done();
						    });
						  }
						  const auth = token ? { Authorization: 'Bearer ' + token } : {};
						  const r = await fetch('/api/broadcasts/' + room + '/whip', { method: 'POST',
						    headers: { 'Content-Type': 'application/sdp', ...auth }, body: pc.localDescription.sdp });
						  const result = { status: r.status, body: await r.text(), location: r.headers.get('Location'),
						    links: r.headers.get('Link'), contentType: r.headers.get('Content-Type') };
						  if (r.status !== 201) { pc.close(); return result; }
						  await pc.setRemoteDescription({ type: 'answer', sdp: result.body });
						  window.whip = { pc, location: result.location, token, patches: [] };
						  if (trickle) {
						    // RFC 8840 fragments: the ICE credentials, the bundle's first section, the candidates.
						    const ufrag = pc.localDescription.sdp.match(/a=ice-ufrag:(.*)\\r\\n/)[1];
						    const pwd = pc.localDescription.sdp.match(/a=ice-pwd:(.*)\\r\\n/)[1];
						    const patch = async (lines) => {
						      const p = await fetch(result.location, { method: 'PATCH', headers: { 'Content-Type':
						        'application/trickle-ice-sdpfrag', 'If-Match': '*', ...auth },
						        body: ['a=ice-ufrag:' + ufrag, 'a=ice-pwd:' + pwd, 'm=audio 9 UDP/TLS/RTP/SAVPF 0', 'a=mid:0',
						          ...lines, ''].join('\\r\\n') });
						      window.whip.patches.push(p.status);
						    };
						    // One PATCH once gathering is done: the fake host has one address.
						    while (!gathered) await new Promise((resolve) => setTimeout(resolve, 50));
						    await patch(candidates.map((c) => 'a=' + c.candidate).concat(['a=end-of-candidates']));
						  }
						  return result;
						}""",
				List.of(room, (token != null) ? token : "", h264, trickle));
	}

	/**
	 * Watches {@code room} over WHEP as a player does: an offer receiving audio and
	 * video, sent once its candidates are gathered or, when {@code trickle}, at once with
	 * the candidates following in one PATCH; Janus's answer applied. The page keeps the
	 * subscription in {@code window.whep}.
	 * @return {@code status}, {@code body}, {@code location} and {@code links} of the
	 * POST's response
	 */
	@SuppressWarnings("unchecked")
	static Map<String, Object> watch(Page page, String room, String quality, boolean trickle) {
		return (Map<String, Object>) page.evaluate(
				"""
						async ([room, quality, trickle]) => {
						  const pc = new RTCPeerConnection();
						  pc.addTransceiver('audio', { direction: 'recvonly' });
						  pc.addTransceiver('video', { direction: 'recvonly' });
						  const candidates = [];
						  let gathered = false;
						  pc.addEventListener('icecandidate', (e) => { if (e.candidate) candidates.push(e.candidate); else gathered = true; });
						  await pc.setLocalDescription(await pc.createOffer());
						  if (!trickle) {
						    await new Promise((resolve) => {
						      const done = () => { if (pc.iceGatheringState === 'complete') resolve(); };
						      pc.addEventListener('icegatheringstatechange', done);
						      done();
						    });
						  }
						  const r = await fetch('/api/broadcasts/' + room + '/whep?quality=' + quality, { method: 'POST',
						    headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
						  const result = { status: r.status, body: await r.text(), location: r.headers.get('Location'),
						    links: r.headers.get('Link') };
						  if (r.status !== 201) { pc.close(); return result; }
						  await pc.setRemoteDescription({ type: 'answer', sdp: result.body });
						  window.whep = { pc, location: result.location, patches: [] };
						  if (trickle) {
						    const sdp = pc.localDescription.sdp;
						    while (!gathered) await new Promise((resolve) => setTimeout(resolve, 50));
						    const p = await fetch(result.location, { method: 'PATCH', headers: { 'Content-Type':
						      'application/trickle-ice-sdpfrag', 'If-Match': '*' },
						      body: ['a=ice-ufrag:' + sdp.match(/a=ice-ufrag:(.*)\\r\\n/)[1],
						        'a=ice-pwd:' + sdp.match(/a=ice-pwd:(.*)\\r\\n/)[1], 'm=audio 9 UDP/TLS/RTP/SAVPF 0', 'a=mid:0',
						        ...candidates.map((c) => 'a=' + c.candidate), 'a=end-of-candidates', ''].join('\\r\\n') });
						    window.whep.patches.push(p.status);
						  }
						  return result;
						}""",
				List.of(room, quality, trickle));
	}

	/** Frames the page's WHEP subscription decoded, and their size ({@code 1280x720}). */
	@SuppressWarnings("unchecked")
	static Map<String, Object> watched(Page page) {
		return (Map<String, Object>) page.evaluate(
				"""
						async () => {
						  const report = await window.whep.pc.getStats();
						  let result = { frames: 0, size: '0x0', ice: window.whep.pc.iceConnectionState,
						  connection: window.whep.pc.connectionState };
						report.forEach((s) => {
						  if (s.type === 'transport') result.dtls = s.dtlsState + '/' + s.dtlsRole + '/' + s.iceRole + '/' + s.iceState;
						  if (s.type === 'candidate-pair') result.pairs = (result.pairs || '') + s.state + (s.nominated ? '*' : '') + ' ';
						});
						  report.forEach((s) => {
						    if (s.type === 'inbound-rtp' && s.kind === 'video') {
						      result = { ...result, frames: s.framesDecoded || 0, size: (s.frameWidth || 0) + 'x' + (s.frameHeight || 0) };
						    }
						  });
						  return result;
						}""");
	}

	/** {@code DELETE} of the page's WHEP subscription; returns the status. */
	static int stopWatching(Page page) {
		return ((Number) page.evaluate("""
				async () => (await fetch(window.whep.location, { method: 'DELETE' })).status""")).intValue();
	}

	/** {@code DELETE} of the page's publication; returns the status. */
	static int delete(Page page) {
		return ((Number) page.evaluate("""
				async () => (await fetch(window.whip.location, { method: 'DELETE',
				  headers: { Authorization: 'Bearer ' + window.whip.token } })).status""")).intValue();
	}

	/** The codec of the page's outgoing video, e.g. {@code video/H264}. */
	static String sentCodec(Page page) {
		return (String) page.evaluate(
				"""
						async () => {
						  const report = await window.whip.pc.getStats();
						  let codec = null;
						  report.forEach((s) => {
						    if (s.type === 'outbound-rtp' && s.kind === 'video' && s.codecId) codec = report.get(s.codecId).mimeType;
						  });
						  return codec;
						}""");
	}

	/** The codec a viewer page decodes, e.g. {@code video/VP8}. */
	static String receivedCodec(Page page) {
		return (String) page.evaluate(
				"""
						async () => {
						  const report = await window.onair.viewer.pc.getStats();
						  let codec = null;
						  report.forEach((s) => {
						    if (s.type === 'inbound-rtp' && s.kind === 'video' && s.codecId) codec = report.get(s.codecId).mimeType;
						  });
						  return codec;
						}""");
	}

}
