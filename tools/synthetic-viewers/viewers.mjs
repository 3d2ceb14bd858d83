// Synthetic viewers for Janus capacity runs (issue 13): each one says hello, joins a room as a
// viewer and watches it through OnAir's WebSocket protocol (docs/protocol.md), exactly as the
// web client does, then receives the subscription's RTP with werift and counts packets, bytes
// and frames (a video RTP packet with the marker bit ends a frame) without decrypting or
// decoding anything.
// Run it inside the client namespace only (WebRTC must not touch the root namespace):
//
//   ip netns exec onair-c1 node viewers.mjs --room <id> --count 200 --seconds 60 \
//     --ws ws://127.0.0.1:8080/ws --origin http://127.0.0.1:8080 --address 10.203.10.2 --quality 480p
//
// Prints one JSON line per second ({"t":…,"watching":…,"packets":…,"frames":…,"bytes":…}, totals
// over every viewer in that second) and a last line {"summary":…}.
import { parseArgs } from 'node:util';
import { RTCDtlsTransport, RTCPeerConnection } from 'werift';
import WebSocket from 'ws';

// SRTP leaves the RTP header in the clear, and the header is all this tool reads, so media is
// not decrypted: one Node.js thread then keeps up with several times more viewers. The bytes
// counted include SRTP's authentication tag (10 of each packet's ~1,100 with Janus's default
// AES_CM_128_HMAC_SHA1_80). RTCP is still decrypted: werift reads its reports.
const startSrtp = RTCDtlsTransport.prototype.updateSrtpSession;
RTCDtlsTransport.prototype.updateSrtpSession = function updateSrtpSessionWithoutDecryption() {
  startSrtp.call(this);
  this.srtp.decrypt = (packet) => packet;
};

const { values: options } = parseArgs({
  options: {
    room: { type: 'string' },
    count: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '30' },
    ws: { type: 'string', default: 'ws://127.0.0.1:8080/ws' },
    origin: { type: 'string', default: 'http://127.0.0.1:8080' },
    address: { type: 'string', default: '10.203.10.2' },
    quality: { type: 'string', default: '480p' },
    // New viewers per second while they join, so a run is not a join storm.
    rate: { type: 'string', default: '50' },
  },
});
if (!options.room) {
  console.error('usage: node viewers.mjs --room <id> [--count N] [--seconds S] [--quality 480p|720p|auto]');
  process.exit(2);
}

const count = Number(options.count);
const seconds = Number(options.seconds);
const tally = { packets: 0, frames: 0, bytes: 0 };
const totals = { packets: 0, frames: 0, bytes: 0 };
const viewers = [];

class Viewer {
  constructor(index) {
    this.index = index;
    this.watching = false;
    this.firstFrameMs = null;
    this.errors = [];
  }

  start() {
    this.startedAt = performance.now();
    this.socket = new WebSocket(options.ws, { headers: { Origin: options.origin } });
    this.socket.on('open', () => this.send({ type: 'hello', v: 1, name: `synthetic-${this.index}` }));
    // One frame after the other: an offer is answered before the candidates that follow it.
    this.frames = Promise.resolve();
    this.pendingCandidates = [];
    this.socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      this.frames = this.frames.then(() => this.onFrame(frame)).catch((e) => this.errors.push(String(e.message)));
    });
    this.socket.on('error', (error) => this.errors.push(String(error.message ?? error)));
  }

  send(frame) {
    this.socket.send(JSON.stringify(frame));
  }

  async onFrame(frame) {
    switch (frame.type) {
      case 'welcome':
        this.send({ type: 'join', room: options.room, role: 'viewer' });
        break;
      case 'joined':
        this.send({ type: 'watch', room: options.room, quality: options.quality });
        break;
      case 'offer':
        await this.answer(frame.sdp);
        break;
      case 'ice':
        if (!frame.candidate?.candidate) break;
        // Janus may trickle a candidate before its offer reaches us.
        if (this.pc) await this.pc.addIceCandidate(frame.candidate);
        else this.pendingCandidates.push(frame.candidate);
        break;
      case 'error':
        this.errors.push(frame.code);
        break;
      default:
      // viewers, chat and the rest are not this tool's business
    }
  }

  async answer(sdp) {
    this.pc?.close();
    // Host candidates of the client namespace's own address only: loopback or another
    // interface would be refused by the gateway (ice.address-denied) and is useless to Janus.
    this.pc = new RTCPeerConnection({
      iceUseIpv6: false,
      iceInterfaceAddresses: { udp4: options.address },
    });
    this.pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => {
        tally.packets++;
        tally.bytes += rtp.payload.length;
        if (track.kind === 'video' && rtp.header.marker) {
          tally.frames++;
          if (this.firstFrameMs === null) this.firstFrameMs = performance.now() - this.startedAt;
        }
      });
    });
    this.pc.connectionStateChange.subscribe((state) => (this.watching = state === 'connected'));
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    for (const candidate of this.pendingCandidates.splice(0)) await this.pc.addIceCandidate(candidate);
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await gathered(this.pc);
    this.send({ type: 'answer', room: options.room, sdp: this.pc.localDescription.sdp });
  }

  close() {
    this.pc?.close();
    // 1000: done, so the gateway reports the departure at once.
    this.socket?.close(1000);
  }
}

function gathered(pc) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const subscription = pc.iceGatheringStateChange.subscribe((state) => {
      if (state === 'complete') {
        subscription.unSubscribe();
        resolve();
      }
    });
  });
}

const started = performance.now();
const joining = setInterval(() => {
  for (let i = 0; i < Number(options.rate) && viewers.length < count; i++) {
    const viewer = new Viewer(viewers.length);
    viewers.push(viewer);
    viewer.start();
  }
  if (viewers.length >= count) clearInterval(joining);
}, 1000);

const report = setInterval(() => {
  const second = {
    t: Math.round((performance.now() - started) / 1000),
    watching: viewers.filter((v) => v.watching).length,
    ...tally,
  };
  totals.packets += tally.packets;
  totals.frames += tally.frames;
  totals.bytes += tally.bytes;
  tally.packets = tally.frames = tally.bytes = 0;
  console.log(JSON.stringify(second));
}, 1000);

setTimeout(() => {
  clearInterval(joining);
  clearInterval(report);
  const firstFrames = viewers.map((v) => v.firstFrameMs).filter((ms) => ms !== null).sort((a, b) => a - b);
  const errors = {};
  viewers.flatMap((v) => v.errors).forEach((code) => (errors[code] = (errors[code] ?? 0) + 1));
  console.log(
    JSON.stringify({
      summary: {
        viewers: viewers.length,
        watching: viewers.filter((v) => v.watching).length,
        withFrames: firstFrames.length,
        firstFrameMsP50: firstFrames[Math.floor(firstFrames.length * 0.5)] ?? null,
        firstFrameMsP95: firstFrames[Math.floor(firstFrames.length * 0.95)] ?? null,
        ...totals,
        errors,
      },
    }),
  );
  viewers.forEach((v) => v.close());
  setTimeout(() => process.exit(0), 500);
}, seconds * 1000);
