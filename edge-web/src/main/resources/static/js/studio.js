// Studio: create a broadcast, preview camera or screen, go live, moderate chat, end.
// The owner token is the key to this broadcast: it stays in this browser's storage, per
// broadcast (never in a URL), goes only into the join frame and the Authorization header,
// and is re-issued before it expires, so a long broadcast stays manageable.
import { createBroadcast, endBroadcast, getBroadcast, reissueOwnerToken, uploadThumbnail } from './api.js';
import { ChatPanel } from './chat.js';
import { setText, setupLanguage, t } from './i18n.js';
import { probeStream, publish } from './media-client.js';
import { Signal } from './signal.js';

const TOKENS_KEY = 'onair.owner-tokens';
const CURRENT_KEY = 'onair.studio.broadcast';
const THUMBNAIL_EVERY_MS = 60_000;
const FIRST_THUMBNAIL_MS = 3000;
// Re-issue this long before the token expires (24 h after issue), or half-way through a
// shorter lifetime: time for retries when the network or broadcast-service is away, or the
// laptop slept through the due time.
const REISSUE_BEFORE_MS = 2 * 60 * 60_000;
const REISSUE_RETRY_MS = 60_000;
// Browsers fire longer timeouts at once (they overflow 2^31 ms): check again at least daily.
const LONGEST_WAIT_MS = 24 * 60 * 60_000;

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
let reissueTimer = null;
/** When this page got the current token: a re-issue is due half-way through what it had left at most. */
let tokenSince = Date.now();

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
for (const [button, field] of [
  ['copy-button', 'share-link'],
  ['whip-url-copy', 'whip-url'],
  ['whip-token-copy', 'whip-token'],
]) {
  document.getElementById(button).addEventListener('click', async (event) => {
    const input = document.getElementById(field);
    input.select();
    await navigator.clipboard?.writeText(input.value).catch(() => {});
    setText(event.target, 'studio.copied');
  });
}

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
  tokenSince = Date.now();
  document.getElementById('create').hidden = true;
  document.getElementById('broadcast').hidden = false;
  document.getElementById('live-title').textContent = broadcast.title;
  document.getElementById('share-link').value = `${location.origin}/watch/${encodeURIComponent(broadcast.id)}`;
  document.getElementById('whip-url').value = `${location.origin}/api/broadcasts/${encodeURIComponent(broadcast.id)}/whip`;
  document.getElementById('whip-token').value = token;
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
  scheduleReissue();
  await joined;
}

/** When the owner token is due for re-issue: a v2 token names its expiry, `v2.<kid>.<generation>.<expiry s>.<mac>`. */
function reissueDueIn() {
  const expiresAt = Number(token?.split('.')[3]) * 1000;
  if (!Number.isFinite(expiresAt)) return 0;
  return expiresAt - Math.min(REISSUE_BEFORE_MS, (expiresAt - tokenSince) / 2) - Date.now();
}

function scheduleReissue() {
  clearTimeout(reissueTimer);
  reissueTimer = setTimeout(reissueIfDue, Math.min(Math.max(0, reissueDueIn()), LONGEST_WAIT_MS));
}

/**
 * A fresh token replaces the stored one (broadcast-service revokes the old one at once,
 * the gateways with the next snapshot); the join after a reconnect carries the new one.
 */
async function reissueIfDue() {
  if (reissueDueIn() > 0) {
    scheduleReissue();
    return;
  }
  try {
    const issued = await reissueOwnerToken(broadcast.id, token);
    token = issued.ownerToken;
    tokenSince = Date.now();
    remember(broadcast.id, token);
    // The old token is revoked: OBS needs this one for its next Start Streaming.
    document.getElementById('whip-token').value = token;
    signal.renewOwnerToken(broadcast.id, token);
    scheduleReissue();
  } catch (error) {
    if (error.status === 409) return; // ended: nothing left to manage
    if (error.status === 401 || error.status === 403) {
      setText(state, 'studio.ownerTokenLost', { message: error.message });
      return;
    }
    reissueTimer = setTimeout(reissueIfDue, REISSUE_RETRY_MS);
  }
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
  clearTimeout(reissueTimer);
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
    scheduleReissue();
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
