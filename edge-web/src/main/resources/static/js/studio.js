// Studio: create a broadcast, preview camera or screen, go live, moderate chat, end.
// The owner token is the key to this broadcast: it stays in this browser's storage
// (never in a URL) and goes only into the join frame and the Authorization header.
import { createBroadcast, endBroadcast, getBroadcast, uploadThumbnail } from './api.js';
import { ChatPanel } from './chat.js';
import { setText, setupLanguage, t } from './i18n.js';
import { probeStream, publish } from './media-client.js';
import { Signal } from './signal.js';

const TOKENS_KEY = 'onair.owner-tokens';
const CURRENT_KEY = 'onair.studio.broadcast';
const THUMBNAIL_EVERY_MS = 60_000;
const FIRST_THUMBNAIL_MS = 3000;

const state = document.getElementById('studio-state');
const createForm = document.getElementById('create-form');
const createError = document.getElementById('create-error');
const preview = document.getElementById('preview');
const previewButton = document.getElementById('preview-button');
const liveButton = document.getElementById('live-button');
const endButton = document.getElementById('end-button');
const viewers = document.getElementById('viewers');
const health = document.getElementById('health');
const thumbnailState = document.getElementById('thumbnail-state');

setupLanguage();

let broadcast = null;
let token = null;
let stream = null;
let signal = null;
/** Settles once the gateway welcomed us and has our join: a publish sent before is lost. */
let joined = null;
let publisher = null;
let live = false;
const lastBytes = new Map();
let thumbnails = null;

createForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  setText(createError, 'studio.state.connecting');
  try {
    const created = await createBroadcast({
      title: document.getElementById('b-title').value.trim(),
      // Optional: an empty name is left out rather than refused by the service.
      streamer: document.getElementById('b-streamer').value.trim() || undefined,
      description: document.getElementById('b-description').value.trim(),
      tags: document
        .getElementById('b-tags')
        .value.split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    });
    remember(created.id, created.ownerToken);
    createError.textContent = '';
    await open(created, created.ownerToken);
  } catch (error) {
    const fields = error.problem?.errors?.map((e) => `${e.field}: ${e.message}`).join(', ');
    setText(createError, 'studio.createFailed', { message: fields || error.message });
  }
});
previewButton.addEventListener('click', startPreview);
liveButton.addEventListener('click', goLive);
endButton.addEventListener('click', end);
document.getElementById('copy-button').addEventListener('click', async (event) => {
  const link = document.getElementById('share-link');
  link.select();
  await navigator.clipboard?.writeText(link.value).catch(() => {});
  setText(event.target, 'studio.copied');
});

resume();

/** After a reload, carry on with this tab's broadcast unless it has ended. */
async function resume() {
  const id = sessionStorage.getItem(CURRENT_KEY);
  const saved = id && tokens()[id];
  if (!saved) return;
  try {
    const existing = await getBroadcast(id);
    if (existing.status !== 'ENDED') await open(existing, saved);
  } catch {
    sessionStorage.removeItem(CURRENT_KEY);
  }
}

function tokens() {
  try {
    return JSON.parse(localStorage.getItem(TOKENS_KEY)) ?? {};
  } catch {
    return {};
  }
}

function remember(id, ownerToken) {
  localStorage.setItem(TOKENS_KEY, JSON.stringify({ ...tokens(), [id]: ownerToken }));
  sessionStorage.setItem(CURRENT_KEY, id);
}

async function open(created, ownerToken) {
  broadcast = created;
  token = ownerToken;
  document.getElementById('create').hidden = true;
  document.getElementById('broadcast').hidden = false;
  document.getElementById('live-title').textContent = broadcast.title;
  document.getElementById('share-link').value = `${location.origin}/watch/${encodeURIComponent(broadcast.id)}`;
  showViewers(0);
  endButton.disabled = false;
  setText(state, 'studio.state.ready');

  // The streamer chats under the name viewers see on the card.
  signal = new Signal({ name: broadcast.streamer ?? undefined });
  new ChatPanel(document.getElementById('chat'), signal, broadcast.id, { moderator: true });
  signal
    .on('viewers', (message) => message.room === broadcast.id && showViewers(message.viewers))
    .on('state', (s) => s === 'reconnecting' && setText(state, 'studio.state.reconnecting'))
    .on('error', (error) => {
      if (error.code?.startsWith('room.')) setText(state, 'studio.state.error', { message: error.message });
    });
  joined = signal.connect().then(() => signal.join(broadcast.id, 'publisher', token));
  await joined;
}

async function startPreview() {
  const source = document.querySelector('input[name="source"]:checked').value;
  try {
    // ?probe streams a canvas stamped with this clock so viewers can measure the delay.
    const next = new URLSearchParams(location.search).has('probe')
      ? probeStream()
      : source === 'screen'
        ? await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 30 }, audio: true })
        : await navigator.mediaDevices.getUserMedia({
            video: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
            audio: true,
          });
    stream?.getTracks().forEach((track) => track.stop());
    stream = next;
    preview.srcObject = stream;
    liveButton.disabled = Boolean(publisher);
    if (publisher) await replaceTracks(stream);
    else setText(state, 'studio.state.previewing');
  } catch (error) {
    setText(state, 'studio.noCamera', { message: error.message });
  }
}

async function goLive() {
  liveButton.disabled = true;
  setText(state, 'studio.state.connecting');
  try {
    await joined;
  } catch (error) {
    setText(state, 'studio.state.error', { message: error.message });
    liveButton.disabled = false;
    return;
  }
  publisher = publish(signal, broadcast.id, stream, { simulcast: true });
  publisher.addEventListener('live', () => {
    live = true;
    setText(state, 'studio.state.live');
  });
  publisher.addEventListener('connection', (event) => {
    if (live && (event.detail === 'disconnected' || event.detail === 'failed')) {
      setText(state, 'studio.state.reconnecting');
    }
  });
  publisher.addEventListener('failed', (event) => setText(state, 'studio.state.error', { message: event.detail }));
  clearInterval(thumbnails);
  setTimeout(sendThumbnail, FIRST_THUMBNAIL_MS);
  thumbnails = setInterval(sendThumbnail, THUMBNAIL_EVERY_MS);
  renderHealth();
}

async function end() {
  if (!confirm(t('studio.endConfirm'))) return;
  endButton.disabled = true;
  clearInterval(thumbnails);
  publisher?.stop();
  publisher = null;
  live = false;
  try {
    await endBroadcast(broadcast.id, token);
    setText(state, 'studio.state.ended');
    stream?.getTracks().forEach((track) => track.stop());
    previewButton.disabled = true;
    sessionStorage.removeItem(CURRENT_KEY);
  } catch (error) {
    endButton.disabled = false;
    setText(state, 'studio.state.error', { message: error.message });
  }
}

/** A small JPEG of the current preview frame: what the home page shows on the card. */
async function sendThumbnail() {
  if (!preview.videoWidth || !live) return;
  const canvas = document.createElement('canvas');
  canvas.width = 480;
  canvas.height = Math.round((480 * preview.videoHeight) / preview.videoWidth);
  canvas.getContext('2d').drawImage(preview, 0, 0, canvas.width, canvas.height);
  const jpeg = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.75));
  try {
    await uploadThumbnail(broadcast.id, token, jpeg);
    setText(thumbnailState, 'studio.thumbnailAt', { time: new Date().toLocaleTimeString() });
  } catch (error) {
    thumbnailState.textContent = error.message;
  }
}

function showViewers(n) {
  viewers.dataset.count = String(n);
  setText(viewers, 'viewers.count', { n });
}

/** Switching camera and screen while live: same connection, new tracks. */
async function replaceTracks(next) {
  for (const sender of publisher.pc.getSenders()) {
    const track = next.getTracks().find((t) => t.kind === sender.track?.kind);
    if (track) await sender.replaceTrack(track);
  }
}

/** Outgoing layers as the browser sends them, and why it holds quality back if it does. */
async function renderHealth() {
  if (!publisher) return;
  const rows = [];
  let limitation = 'none';
  const report = await publisher.pc.getStats().catch(() => new Map());
  report.forEach((s) => {
    if (s.type !== 'outbound-rtp' || s.kind !== 'video') return;
    const previous = lastBytes.get(s.id);
    const rate = previous ? `${(((s.bytesSent - previous.bytes) * 8) / (s.timestamp - previous.at)).toFixed(0)} kbps` : '– kbps';
    lastBytes.set(s.id, { bytes: s.bytesSent, at: s.timestamp });
    const size = s.frameWidth ? `${s.frameWidth}×${s.frameHeight}` : '–';
    rows.push([`${t('studio.layers')} ${s.rid ?? ''}`.trim(), `${size} · ${(s.framesPerSecond ?? 0).toFixed(0)} fps · ${rate}`]);
    if (s.qualityLimitationReason && s.qualityLimitationReason !== 'none') limitation = s.qualityLimitationReason;
  });
  rows.push([t('stats.limitation'), limitation]);
  health.replaceChildren(
    ...rows.flatMap(([label, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = value;
      return [dt, dd];
    }),
  );
  setTimeout(renderHealth, 1000);
}
