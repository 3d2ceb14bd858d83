// Watch page: the player, the broadcast's title and live viewer count, the quality
// menu and chat. One overlay tells the viewer plainly what is going on when there is no
// picture (connecting, waiting, offline, ended, banned, reconnecting, WebRTC blocked).
import { ApiError, getBroadcast, getViewers } from './api.js';
import { ChatPanel } from './chat.js';
import { setText, setupLanguage, t } from './i18n.js';
import { readProbe, watch } from './media-client.js';
import { Signal } from './signal.js';

const WAITING_POLL_MS = 3000;
const LIVE_POLL_MS = 15000;

const room = decodeURIComponent(location.pathname.split('/')[2] ?? '');
const video = document.getElementById('video');
const overlay = document.getElementById('state');
const viewers = document.getElementById('viewers');
const quality = document.getElementById('quality');
const layer = document.getElementById('layer');
const unmute = document.getElementById('unmute');
const stats = document.getElementById('stats');
const statsToggle = document.getElementById('stats-toggle');

setupLanguage();
document.addEventListener('onair:language', showTitle);

const signal = new Signal();
new ChatPanel(document.getElementById('chat'), signal, room);
let viewer = null;
let delayMs = null;
let broadcast = null;
let phase = 'connecting';

wireControls();
signal
  .on('state', (state) => {
    if (state === 'reconnecting') show('watch.state.reconnecting');
    else if (state === 'open') show(null);
  })
  .on('viewers', (message) => message.room === room && showViewers(message.viewers))
  .on('ended', (message) => message.room === room && end())
  .on('chat.banned', (message) => message.room === room && message.user === signal.welcome?.session && banned())
  // The page is in one room: a refused join (also the one after a reconnect) is about it.
  .on('error', (error) => error.code === 'room.banned' && banned());
if (new URLSearchParams(location.search).has('probe')) readProbe(video, (ms) => (delayMs = ms));

start();

async function start() {
  try {
    broadcast = await getBroadcast(room);
  } catch (error) {
    setPhase(error instanceof ApiError && (error.status === 404 || error.status === 400) ? 'notFound' : 'offline');
    return;
  }
  showTitle();
  document.getElementById('description').textContent = broadcast.description ?? '';
  const streamer = document.getElementById('streamer');
  streamer.textContent = broadcast.streamer ?? '';
  streamer.hidden = !broadcast.streamer;
  getViewers(room).then((count) => showViewers(count.viewers), () => showViewers(0));
  try {
    await signal.connect();
  } catch {
    setPhase('reconnecting');
  }
  signal.join(room, 'viewer');
  follow(broadcast.status);
}

/**
 * Plays when live; keeps checking while the streamer has not started yet, and (slowly)
 * while playing, in case the `ended` message was missed during a reconnect.
 */
function follow(status) {
  if (phase === 'ended' || phase === 'banned') return;
  if (status === 'ENDED') {
    end();
    return;
  }
  if (status === 'LIVE') {
    if (!viewer) startMedia();
  } else {
    setPhase('waiting');
  }
  setTimeout(recheck, status === 'LIVE' ? LIVE_POLL_MS : WAITING_POLL_MS);
}

async function recheck() {
  try {
    broadcast = await getBroadcast(room);
  } catch {
    // Keep the last known status; the next check may succeed.
  }
  follow(broadcast.status);
}

/** Subscribes through the media client; its events drive the overlay and the layer label. */
function startMedia() {
  setPhase('connecting');
  viewer = watch(signal, room, video, { quality: quality.value });
  viewer.addEventListener('playing', () => {
    setPhase('playing');
    setText(unmute, video.muted ? 'watch.unmute' : 'watch.mute');
  });
  viewer.addEventListener('layer', (event) => setText(layer, 'watch.currentLayer', { layer: event.detail }));
  viewer.addEventListener('ended', end);
  viewer.addEventListener('frozen', () => setPhase('connecting'));
  // ICE gave up: no path for media (UDP blocked and no usable relay).
  viewer.addEventListener('connection', (event) => event.detail === 'failed' && setPhase('cannotConnect'));
  viewer.addEventListener('failed', (event) => {
    phase = 'mediaError';
    overlay.dataset.phase = phase;
    setText(overlay, 'watch.state.mediaError', { message: event.detail });
    overlay.hidden = false;
  });
}

function end() {
  if (phase === 'ended') return;
  viewer?.stop();
  setPhase('ended');
}

/** The gateway took this session out of the room; the picture goes too. */
function banned() {
  if (phase === 'banned') return;
  viewer?.stop();
  setPhase('banned');
}

const PHASE_MESSAGES = {
  connecting: 'watch.state.connecting',
  waiting: 'watch.state.waiting',
  offline: 'watch.state.offline',
  ended: 'watch.state.ended',
  notFound: 'watch.state.notFound',
  banned: 'watch.state.banned',
  reconnecting: 'watch.state.reconnecting',
  cannotConnect: 'watch.state.cannotConnect',
};

function setPhase(next) {
  phase = next;
  show(null);
}

/** The overlay: a passing message (reconnecting), or else what the phase needs, if anything. */
function show(key) {
  overlay.dataset.phase = phase;
  const message = key ?? PHASE_MESSAGES[phase];
  if (message) {
    setText(overlay, message);
    overlay.hidden = false;
  } else if (phase === 'playing') {
    overlay.hidden = true;
  }
}

function showTitle() {
  if (!broadcast) return;
  document.getElementById('title').textContent = broadcast.title;
  document.title = `${broadcast.title} · OnAir`;
}

function showViewers(n) {
  viewers.dataset.count = String(n);
  setText(viewers, 'viewers.count', { n });
}

function wireControls() {
  unmute.addEventListener('click', () => {
    video.muted = !video.muted;
    setText(unmute, video.muted ? 'watch.unmute' : 'watch.mute');
    if (!video.muted) video.play().catch(() => {});
  });
  quality.addEventListener('change', () => viewer?.setQuality(quality.value));
  statsToggle.addEventListener('click', () => {
    const on = stats.hidden;
    stats.hidden = !on;
    statsToggle.setAttribute('aria-pressed', String(on));
    if (on) renderStats();
  });
  document.getElementById('fullscreen').addEventListener('click', () => {
    video.parentElement.requestFullscreen?.().catch(() => {});
  });
}

async function renderStats() {
  if (stats.hidden) return;
  const s = viewer && phase === 'playing' ? await viewer.stats().catch(() => ({})) : {};
  const received = (s.packetsLost ?? 0) + (s.packetsReceived ?? 0);
  const rows = [
    ['stats.resolution', s.width ? `${s.width}×${s.height}` : '–'],
    ['stats.fps', s.fps != null ? s.fps.toFixed(0) : '–'],
    ['stats.bitrate', s.kbps != null ? `${s.kbps} kbps` : '–'],
    ['stats.loss', received ? `${((100 * s.packetsLost) / received).toFixed(1)} %` : '–'],
    ['stats.rtt', s.rttMs != null ? `${s.rttMs.toFixed(0)} ms` : '–'],
    ['stats.layer', s.layer ?? '–'],
  ];
  if (delayMs != null) rows.push(['stats.delay', `${delayMs.toFixed(0)} ms`]);
  stats.replaceChildren(
    ...rows.flatMap(([key, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = t(key);
      const dd = document.createElement('dd');
      dd.textContent = value;
      return [dt, dd];
    }),
  );
  setTimeout(renderStats, 1000);
}

