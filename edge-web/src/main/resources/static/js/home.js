// Home: the live list as cards, searchable, with viewer counts kept fresh by polling the
// search service (which follows presence within a second). Cards are updated in place so
// counts change without the list jumping.
import { getBroadcast, searchLive } from './api.js';
import { setText, setupLanguage } from './i18n.js';

const REFRESH_MS = 2000;

const cards = document.getElementById('cards');
const empty = document.getElementById('empty');
const status = document.getElementById('status');
const form = document.getElementById('search');
const input = document.getElementById('q');

const shown = new Map();
let query = new URLSearchParams(location.search).get('q') || '';
let timer;

setupLanguage();
input.value = query;

form.addEventListener('submit', (event) => {
  event.preventDefault();
  query = input.value.trim();
  const url = new URL(location.href);
  if (query) url.searchParams.set('q', query);
  else url.searchParams.delete('q');
  history.replaceState(null, '', url);
  refresh();
});

refresh();

async function refresh() {
  clearTimeout(timer);
  try {
    const result = await searchLive(query);
    render(result?.items ?? []);
    status.textContent = '';
    delete status.dataset.i18n;
  } catch {
    setText(status, 'home.loadFailed');
  }
  timer = setTimeout(refresh, REFRESH_MS);
}

function render(items) {
  const ids = new Set(items.map((item) => item.id));
  for (const [id, card] of shown) {
    if (!ids.has(id)) {
      card.remove();
      shown.delete(id);
    }
  }
  items.forEach((item, index) => {
    let card = shown.get(item.id);
    if (!card) {
      card = createCard(item);
      shown.set(item.id, card);
    }
    updateCard(card, item);
    if (cards.children[index] !== card) cards.insertBefore(card, cards.children[index] ?? null);
  });
  const none = items.length === 0;
  empty.hidden = !(none && !query);
  if (none && query) setText(status, 'home.noResults', { q: query });
}

function createCard(item) {
  const li = document.createElement('li');
  li.className = 'card';
  li.dataset.id = item.id;
  const link = document.createElement('a');
  link.href = `/watch/${encodeURIComponent(item.id)}`;
  const thumb = document.createElement('div');
  thumb.className = 'thumb';
  const img = document.createElement('img');
  img.alt = '';
  img.loading = 'lazy';
  // Until there is a thumbnail, the gradient shows instead of a broken-image frame.
  img.hidden = true;
  img.addEventListener('error', () => (img.hidden = true));
  const live = document.createElement('span');
  live.className = 'live-badge';
  setText(live, 'live.badge');
  const viewers = document.createElement('span');
  viewers.className = 'viewers';
  thumb.append(img, live, viewers);
  const title = document.createElement('h2');
  title.className = 'card-title';
  const streamer = document.createElement('p');
  streamer.className = 'streamer';
  const tags = document.createElement('ul');
  tags.className = 'tags';
  link.append(thumb, title, streamer);
  li.append(link, tags);
  // Search results carry no streamer name (broadcast-service keeps it out of its
  // events), so each new card asks broadcast-service once.
  getBroadcast(item.id).then(
    (broadcast) => {
      li.dataset.streamer = broadcast.streamer ?? '';
      showStreamer(li);
    },
    () => {},
  );
  return li;
}

function updateCard(card, item) {
  const img = card.querySelector('img');
  if (item.thumbnailUrl && img.getAttribute('src') !== item.thumbnailUrl) {
    img.hidden = false;
    img.src = item.thumbnailUrl;
  }
  card.querySelector('.card-title').textContent = item.title;
  showStreamer(card);
  const viewers = card.querySelector('.viewers');
  setText(viewers, 'viewers.count', { n: item.viewers ?? 0 });
  viewers.dataset.count = String(item.viewers ?? 0);
  const tags = card.querySelector('.tags');
  const tagText = (item.tags ?? []).join('\u0000');
  if (tags.dataset.tags !== tagText) {
    tags.dataset.tags = tagText;
    tags.replaceChildren(
      ...(item.tags ?? []).map((tag) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = `/?q=${encodeURIComponent(tag)}`;
        a.textContent = `#${tag}`;
        li.append(a);
        return li;
      }),
    );
  }
}

function showStreamer(card) {
  const streamer = card.querySelector('.streamer');
  streamer.textContent = card.dataset.streamer ?? '';
  streamer.hidden = !streamer.textContent;
}
