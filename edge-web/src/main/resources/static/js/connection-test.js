// Connection test: the three things WebRTC viewers and streamers most often lack, each
// checked for real and explained in plain words when it fails.
//   1. a WebSocket to this origin (signaling; also yields the TURN credentials),
//   2. the TURN relay: a relay-only peer connection must gather a relay candidate,
//   3. media: a short loopback of the camera from a relay-only connection to a second
//      one in this page, counting decoded frames.
import { setText, setupLanguage, t } from './i18n.js';
import { Signal } from './signal.js';

const WS_TIMEOUT_MS = 5000;
const RELAY_TIMEOUT_MS = 5000;
const MEDIA_TIMEOUT_MS = 10000;
const FRAMES_NEEDED = 15;

setupLanguage();
const runButton = document.getElementById('run');
const summary = document.getElementById('summary');
runButton.addEventListener('click', run);
if (new URLSearchParams(location.search).has('run')) run();

async function run() {
  runButton.disabled = true;
  setText(summary, 'ct.running');
  for (const id of ['check-ws', 'check-turn', 'check-media']) mark(id, 'running');
  const signal = new Signal();
  const iceServers = await check('check-ws', async () => {
    const welcome = await within(signal.connect(), WS_TIMEOUT_MS, 'no answer from /ws');
    return { value: welcome.iceServers ?? [], detail: welcome.session };
  });
  signal.close();
  const relayed = iceServers && (await check('check-turn', () => relayCandidate(iceServers)));
  const media = relayed && (await check('check-media', () => loopback(iceServers)));
  if (!iceServers) skip('check-turn');
  if (!relayed) skip('check-media');
  setText(summary, media ? 'ct.allPass' : 'ct.someFail');
  document.body.dataset.result = media ? 'pass' : 'fail';
  runButton.disabled = false;
}

/** Runs one check; marks it passed with its detail, or failed with advice. */
async function check(id, test) {
  try {
    const { value, detail } = await test();
    mark(id, 'pass', detail);
    return value ?? true;
  } catch (error) {
    fail(id, error.message);
    return null;
  }
}

function mark(id, result, detail = '') {
  const item = document.getElementById(id);
  item.dataset.result = result;
  const label = item.querySelector('.result');
  setText(label, { running: 'ct.running', pass: 'ct.pass', fail: 'ct.fail', skipped: 'ct.skipped' }[result]);
  const detailText = item.querySelector('.detail');
  delete detailText.dataset.i18n;
  detailText.textContent = detail;
  item.querySelector('.advice').hidden = result !== 'fail';
}

function fail(id, reason) {
  mark(id, 'fail', reason);
}

/** A check that needs an earlier one to pass: that one's advice applies, not its own. */
function skip(id) {
  mark(id, 'skipped');
  setText(document.getElementById(id).querySelector('.detail'), 'ct.skippedDetail');
}

function within(promise, ms, reason) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(reason)), ms))]);
}

async function relayCandidate(iceServers) {
  const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  try {
    const found = new Promise((resolve, reject) => {
      pc.addEventListener('icecandidate', (event) => {
        if (event.candidate?.type === 'relay') resolve(event.candidate);
        else if (!event.candidate) reject(new Error('no relay candidate'));
      });
    });
    pc.createDataChannel('probe');
    await pc.setLocalDescription(await pc.createOffer());
    const candidate = await within(found, RELAY_TIMEOUT_MS, 'no relay candidate in 5 s');
    const address = `${candidate.address}:${candidate.port}`;
    return { value: true, detail: t('ct.detailRelay', { address }) };
  } finally {
    pc.close();
  }
}

async function loopback(iceServers) {
  const camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: false });
  // The sender may use only the relay, so the frames really cross the TURN server.
  const sender = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  const receiver = new RTCPeerConnection({ iceServers });
  try {
    sender.addEventListener('icecandidate', (e) => e.candidate && receiver.addIceCandidate(e.candidate));
    receiver.addEventListener('icecandidate', (e) => e.candidate && sender.addIceCandidate(e.candidate));
    const video = document.getElementById('loopback');
    receiver.addEventListener('track', (event) => (video.srcObject = event.streams[0]));
    camera.getTracks().forEach((track) => sender.addTrack(track, camera));
    await sender.setLocalDescription(await sender.createOffer());
    await receiver.setRemoteDescription(sender.localDescription);
    await receiver.setLocalDescription(await receiver.createAnswer());
    await sender.setRemoteDescription(receiver.localDescription);
    const started = performance.now();
    const inbound = await framesDecoded(receiver, started + MEDIA_TIMEOUT_MS);
    const detail = t('ct.detailFrames', {
      w: inbound.frameWidth,
      h: inbound.frameHeight,
      frames: inbound.framesDecoded,
      ms: Math.round(performance.now() - started),
    });
    return { value: true, detail };
  } finally {
    sender.close();
    receiver.close();
    camera.getTracks().forEach((track) => track.stop());
  }
}

async function framesDecoded(pc, deadline) {
  while (performance.now() < deadline) {
    const report = await pc.getStats();
    for (const stat of report.values()) {
      if (stat.type === 'inbound-rtp' && stat.kind === 'video' && stat.framesDecoded >= FRAMES_NEEDED) return stat;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no video arrived in 10 s');
}
