// OnAir browser media client (owned with media-service). Publishers and viewers use it
// over the gateway WebSocket (docs/protocol.md); media goes straight to Janus.
//
//   const m = await import('/js/media-client.js');
//   const signal = await m.connect();                 // or the page's own Signal (signal.js)
//   await m.join(signal, room, 'publisher', ownerToken);
//   const pub = m.publish(signal, room, stream, { simulcast: true, relay: false });
//   pub.addEventListener('live', ...); await pub.stats(); pub.stop();
//
//   await m.join(signal, room, 'viewer');
//   const v = m.watch(signal, room, videoElement, { quality: 'auto', relay: false });
//   v.addEventListener('playing' | 'layer' | 'moved' | 'ended' | 'failed', (e) => e.detail);
//   v.setQuality('480p'); v.layer; v.layers; await v.stats(); v.stop();
//
//   m.probeStream()  -> a MediaStream whose frames carry the sender clock (delay probe)
//   m.readProbe(video, (delayMs) => ...) -> decodes it per frame; returns a stop function
//
// `signal` is any EventTarget that dispatches each server message as a CustomEvent named
// by its type (detail = message), has send(message) and welcome.iceServers: the page's
// Signal class qualifies, and connect() returns a minimal one.

const RETRYABLE = new Set(['media.node-down', 'media.unavailable', 'media.publisher-restarted', 'media.not-live']);
const RETRY_MS = [250, 500, 1000, 2000];
/** A viewer that decoded nothing for this long subscribes again (a cut media host). */
const FROZEN_MS = 2000;
/** A moved viewer whose new subscription decoded nothing for this long stays where it was. */
const MOVE_MS = 5000;

/** Opens /ws on this origin and resolves once the gateway said welcome. */
export function connect(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, name) {
  const signal = new EventTarget();
  const socket = new WebSocket(url);
  signal.send = (message) => {
    if (socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  };
  signal.close = () => socket.close();
  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => signal.send({ type: 'hello', v: 1, name }));
    socket.addEventListener('close', () => reject(new Error('WebSocket closed before welcome')));
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'welcome') {
        signal.welcome = message;
        resolve(signal);
      } else if (message.type === 'ice-servers' && signal.welcome) {
        // Fresh TURN credentials: peer connections opened from now on use them.
        signal.welcome.iceServers = message.iceServers;
      }
      signal.dispatchEvent(new CustomEvent(message.type, { detail: message }));
    });
  });
}

/** Joins a room and resolves with `joined` (rejects with the gateway's error). */
export function join(signal, room, role = 'viewer', ownerToken) {
  return new Promise((resolve, reject) => {
    const ref = `join-${Math.random().toString(36).slice(2)}`;
    const stopJoined = listen(signal, 'joined', (m) => m.room === room && done(resolve, m));
    const stopError = listen(signal, 'error', (m) => m.ref === ref && done(reject, new Error(`${m.code}: ${m.message}`)));
    function done(settle, value) {
      stopJoined();
      stopError();
      settle(value);
    }
    signal.send({ type: 'join', room, role, ownerToken, ref });
  });
}

/** Publishes `stream` into `room` (VP8; 720p + 480p simulcast unless simulcast: false). */
export function publish(signal, room, stream, { simulcast = true, relay = false } = {}) {
  return new Publisher(signal, room, stream, simulcast, relay);
}

/** Watches `room` into `video`; quality 'auto' | '720p' | '480p'. */
export function watch(signal, room, video, { quality = 'auto', relay = false } = {}) {
  return new Viewer(signal, room, video, quality, relay);
}

function listen(signal, type, handler) {
  const wrapped = (event) => handler(event.detail);
  signal.addEventListener(type, wrapped);
  return () => signal.removeEventListener(type, wrapped);
}

/** What both sides share: the peer connection, trickle ICE both ways, retries. */
class Link extends EventTarget {
  constructor(signal, room, relay) {
    super();
    this.signal = signal;
    this.room = room;
    this.relay = relay;
    this.stopped = false;
    this.attempt = 0;
    this.unlisten = [
      listen(signal, 'ice', (m) => m.room === room && this.remoteCandidate(m.candidate)),
      listen(signal, 'error', (m) => this.mediaError(m)),
      listen(signal, 'ended', (m) => m.room === room && this.end()),
    ];
  }

  newPeer() {
    this.pc?.close();
    const pc = new RTCPeerConnection({
      iceServers: this.signal.welcome?.iceServers ?? [],
      iceTransportPolicy: this.relay ? 'relay' : 'all',
    });
    this.pc = pc;
    this.pending = [];
    this.remoteSet = false;
    pc.addEventListener('icecandidate', (event) => {
      if (this.pc !== pc) return;
      this.signal.send({ type: 'ice', room: this.room, candidate: event.candidate ? event.candidate.toJSON() : null });
    });
    pc.addEventListener('connectionstatechange', () => this.emit('connection', pc.connectionState));
    return pc;
  }

  /** Janus's candidates may overtake its SDP on Kafka: keep them until it is set. */
  async remoteSdp(type, sdp) {
    await this.pc.setRemoteDescription({ type, sdp });
    this.remoteSet = true;
    for (const candidate of this.pending.splice(0)) await this.addCandidate(candidate);
  }

  remoteCandidate(candidate) {
    if (!this.pc) return;
    if (this.remoteSet) this.addCandidate(candidate);
    else this.pending.push(candidate);
  }

  async addCandidate(candidate) {
    try {
      await this.pc.addIceCandidate(candidate ?? undefined);
    } catch (error) {
      this.emit('warning', `candidate refused: ${error.message}`);
    }
  }

  mediaError(message) {
    if (this.stopped || !message.code?.startsWith('media.')) return;
    if (!RETRYABLE.has(message.code)) {
      this.emit('failed', `${message.code}: ${message.message}`);
      return;
    }
    // The publisher is back (media-service tells the viewers it refused meanwhile): now,
    // spread over 250 ms so a room's viewers do not all arrive in the same instant.
    const now = message.code === 'media.publisher-restarted';
    const delay = now ? Math.random() * 250 : RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)];
    if (!now) this.attempt += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => !this.stopped && this.start(), delay);
  }

  end() {
    this.emit('ended', this.room);
    this.close();
  }

  close() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.unlisten.forEach((stop) => stop());
    this.pc?.close();
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

class Publisher extends Link {
  constructor(signal, room, stream, simulcast, relay) {
    super(signal, room, relay);
    this.stream = stream;
    this.simulcast = simulcast;
    this.unlisten.push(listen(signal, 'answer', (m) => m.room === room && this.answered(m.sdp)));
    this.start();
  }

  async start() {
    const pc = this.newPeer();
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') {
        this.attempt = 0;
        this.emit('live', this.room);
      }
    });
    for (const track of this.stream.getAudioTracks()) pc.addTransceiver(track, { direction: 'sendonly' });
    for (const track of this.stream.getVideoTracks()) {
      const init = { direction: 'sendonly', streams: [this.stream] };
      if (this.simulcast) {
        init.sendEncodings = [
          { rid: 'h', maxBitrate: 1_500_000 },
          { rid: 'l', scaleResolutionDownBy: 1.5, maxBitrate: 700_000 },
        ];
      }
      const transceiver = pc.addTransceiver(track, init);
      const codecs = RTCRtpSender.getCapabilities('video').codecs;
      transceiver.setCodecPreferences(codecs.filter((c) => /video\/(VP8|rtx)/i.test(c.mimeType)));
    }
    await pc.setLocalDescription(await pc.createOffer());
    this.signal.send({ type: 'publish', room: this.room, sdp: pc.localDescription.sdp });
  }

  async answered(sdp) {
    if (!this.pc || this.pc.signalingState !== 'have-local-offer') return;
    await this.remoteSdp('answer', sdp);
    // A busy CPU should cost frames, not pixels: a viewer who picks 720p gets 720p.
    for (const sender of this.pc.getSenders()) {
      if (sender.track?.kind !== 'video') continue;
      const parameters = sender.getParameters();
      parameters.degradationPreference = 'maintain-resolution';
      await sender.setParameters(parameters);
    }
  }

  /** Outgoing video per layer: rid, resolution, fps, kbps. */
  async stats() {
    const layers = [];
    (await this.pc.getStats()).forEach((s) => {
      if (s.type === 'outbound-rtp' && s.kind === 'video') {
        layers.push({ rid: s.rid, width: s.frameWidth, height: s.frameHeight, fps: s.framesPerSecond, bytes: s.bytesSent });
      }
    });
    return { state: this.pc.connectionState, layers };
  }

  stop() {
    this.signal.send({ type: 'unpublish', room: this.room });
    this.close();
  }
}

class Viewer extends Link {
  constructor(signal, room, video, quality, relay) {
    super(signal, room, relay);
    this.video = video;
    this.quality = quality;
    this.layer = null;
    this.layers = [];
    this.frames = 0;
    this.lastFrameAt = 0;
    this.decoded = 0;
    this.lastDecodedAt = 0;
    this.unlisten.push(
      listen(signal, 'offer', (m) => m.room === room && this.offered(m.sdp)),
      listen(signal, 'layer', (m) => m.room === room && this.layered(m)),
    );
    this.start();
    this.watchdog = setInterval(() => this.checkFrozen(), 500);
  }

  start() {
    this.startedAt = performance.now();
    this.asked = true;
    this.preparePeer();
    this.signal.send({ type: 'watch', room: this.room, quality: this.quality });
  }

  preparePeer() {
    const pc = this.newPeer();
    this.firstFrameMs = null;
    this.playing = false;
    this.moving = false;
    pc.addEventListener('track', (event) => {
      if (event.track.kind !== 'video') return;
      this.video.muted = true;
      this.video.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      this.video.play().catch(() => {});
      this.shown = pc;
      this.onFrames();
    });
  }

  async offered(sdp) {
    // An offer nobody asked for while playing: media-service moves this viewer to another
    // media server (its own is being drained), make-before-break (docs/protocol.md).
    if (!this.asked && this.playing) return this.move(sdp);
    this.asked = false;
    // A second offer (we watched again before the first one arrived) needs a fresh peer.
    if (this.remoteSet) this.preparePeer();
    await this.remoteSdp('offer', sdp);
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    this.signal.send({ type: 'answer', room: this.room, sdp: this.pc.localDescription.sdp });
  }

  /**
   * Answers the move's offer on a second peer connection while the first one keeps
   * playing; the video switches to the second once it decoded a frame, then the first
   * closes (media-service drops its subscription a few seconds later).
   */
  async move(sdp) {
    const old = this.pc;
    this.pc = null; // newPeer closes the current peer; this one still plays
    const pc = this.newPeer();
    this.moving = true;
    const incoming = document.createElement('video');
    incoming.muted = true;
    pc.addEventListener('track', (event) => {
      if (event.track.kind !== 'video') return;
      incoming.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      incoming.play().catch(() => {});
    });
    await this.remoteSdp('offer', sdp);
    await pc.setLocalDescription(await pc.createAnswer());
    this.signal.send({ type: 'answer', room: this.room, sdp: pc.localDescription.sdp });
    const deadline = performance.now() + MOVE_MS;
    while (!this.stopped && this.pc === pc && performance.now() < deadline) {
      if ((await framesDecoded(pc)) > 0) {
        this.video.srcObject = incoming.srcObject;
        this.video.play().catch(() => {});
        incoming.srcObject = null;
        this.shown = pc;
        old.close();
        this.moving = false;
        this.onFrames();
        this.emit('moved', this.room);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Never decoded: the watchdog subscribes again once the old one stops too.
    old.close();
    this.moving = false;
  }

  onFrames() {
    const video = this.video;
    if (!video.requestVideoFrameCallback) return;
    const pc = this.pc;
    const frame = () => {
      if (this.stopped || this.pc !== pc) return;
      this.frames += 1;
      this.lastFrameAt = performance.now();
      if (!this.playing) {
        this.playing = true;
        this.attempt = 0;
        this.firstFrameMs = this.lastFrameAt - this.startedAt;
        this.emit('playing', this.firstFrameMs);
      }
      video.requestVideoFrameCallback(frame);
    };
    video.requestVideoFrameCallback(frame);
  }

  // Frozen means nothing decoded: a tab that is not in front paints (and so calls
  // requestVideoFrameCallback) about once a second or not at all, however well it decodes.
  async checkFrozen() {
    if (this.stopped || !this.playing || this.moving) return;
    const pc = this.pc;
    const decoded = await framesDecoded(pc);
    if (this.stopped || this.pc !== pc) return;
    const now = performance.now();
    if (decoded !== this.decoded) {
      this.decoded = decoded;
      this.lastDecodedAt = now;
    } else if (now - Math.max(this.lastDecodedAt, this.lastFrameAt) > FROZEN_MS) {
      this.emit('frozen', this.room);
      this.start();
    }
  }

  layered(message) {
    this.layer = message.layer;
    this.layers = message.layers ?? [];
    this.emit('layer', message.layer);
  }

  setQuality(quality) {
    this.quality = quality;
    this.signal.send({ type: 'quality', room: this.room, quality });
  }

  /** Incoming video: resolution, fps, kbps since the last call, loss, round trip, path. */
  async stats() {
    const report = await this.pc.getStats();
    const result = { state: this.pc.connectionState, layer: this.layer, frames: this.frames };
    let pair = null;
    report.forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') {
        const now = s.timestamp;
        // The first sample has nothing to compare with: no rate yet rather than a false 0.
        const kbps = this.lastBytes ? ((s.bytesReceived - this.lastBytes.bytes) * 8) / (now - this.lastBytes.at) : null;
        this.lastBytes = { bytes: s.bytesReceived, at: now };
        Object.assign(result, {
          width: s.frameWidth, height: s.frameHeight, fps: s.framesPerSecond, kbps: kbps != null ? Math.round(kbps) : null,
          packetsLost: s.packetsLost, packetsReceived: s.packetsReceived, framesDecoded: s.framesDecoded,
        });
      }
      if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s;
    });
    if (pair) {
      result.rttMs = pair.currentRoundTripTime != null ? pair.currentRoundTripTime * 1000 : null;
      result.candidateType = report.get(pair.localCandidateId)?.candidateType;
    }
    return result;
  }

  stop() {
    clearInterval(this.watchdog);
    this.signal.send({ type: 'unwatch', room: this.room });
    this.close();
  }

  close() {
    clearInterval(this.watchdog);
    super.close();
  }
}

/** Video frames the peer connection decoded so far. */
async function framesDecoded(pc) {
  let decoded = 0;
  (await pc.getStats()).forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') decoded = s.framesDecoded;
  });
  return decoded;
}

// ------------------------------------------------------------------ delay probe
// The sender stamps every canvas frame with its clock (performance.timeOrigin + now, in
// ms) as a row of 48 black/white blocks: 44 bits of the value and a 4-bit checksum.
// Blocks are 24 px on a 1280-wide frame, so they survive VP8 and the 480p layer.

const BITS = 44;
const BLOCKS = 48;
const BLOCK = 24;

function clock() {
  return performance.timeOrigin + performance.now();
}

function checksum(value) {
  let sum = 0;
  for (let i = 0; i < BITS; i += 4) sum += Math.floor(value / 2 ** i) % 16;
  return sum % 16;
}

/** A 1280×720 canvas stream (default 20 fps) carrying the sender clock in every frame. */
export function probeStream({ width = 1280, height = 720, fps = 20 } = {}) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  let n = 0;
  const draw = () => {
    n += 1;
    ctx.fillStyle = '#345';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#fa3';
    ctx.fillRect((n * 16) % width, height / 2, 120, 120);
    const value = Math.floor(clock());
    const bits = [];
    for (let i = 0; i < BITS; i += 1) bits.push(Math.floor(value / 2 ** i) % 2);
    const sum = checksum(value);
    for (let i = 0; i < 4; i += 1) bits.push((sum >> i) & 1);
    bits.forEach((bit, i) => {
      ctx.fillStyle = bit ? '#fff' : '#000';
      ctx.fillRect(i * BLOCK, 0, BLOCK, BLOCK);
    });
  };
  draw();
  const timer = setInterval(draw, 1000 / fps);
  const stream = canvas.captureStream(fps);
  stream.getVideoTracks()[0].addEventListener('ended', () => clearInterval(timer));
  return stream;
}

/** Decodes the probe in each displayed frame; calls onDelay(ms). Returns a stop function. */
export function readProbe(video, onDelay) {
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  let stopped = false;
  const frame = (now, metadata) => {
    if (stopped) return;
    const scale = video.videoWidth / 1280;
    const strip = Math.max(1, Math.round(BLOCK * scale));
    canvas.width = video.videoWidth;
    canvas.height = strip;
    ctx.drawImage(video, 0, 0, video.videoWidth, strip, 0, 0, video.videoWidth, strip);
    const pixels = ctx.getImageData(0, 0, canvas.width, strip).data;
    const bits = [];
    for (let i = 0; i < BLOCKS; i += 1) {
      const x = Math.floor((i + 0.5) * BLOCK * scale);
      const y = Math.floor(strip / 2);
      const at = (y * canvas.width + x) * 4;
      bits.push((pixels[at] + pixels[at + 1] + pixels[at + 2]) / 3 > 128 ? 1 : 0);
    }
    let value = 0;
    for (let i = 0; i < BITS; i += 1) value += bits[i] * 2 ** i;
    let sum = 0;
    for (let i = 0; i < 4; i += 1) sum |= bits[BITS + i] << i;
    if (sum === checksum(value)) onDelay(performance.timeOrigin + (metadata.expectedDisplayTime ?? now) - value);
    video.requestVideoFrameCallback(frame);
  };
  video.requestVideoFrameCallback(frame);
  return () => {
    stopped = true;
  };
}
