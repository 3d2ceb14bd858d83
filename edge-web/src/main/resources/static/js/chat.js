// The chat panel of the watch page and the studio. Every user-supplied string (names,
// text) goes into the DOM as text nodes only. The studio's panel adds moderation
// buttons (delete, time out, ban) to other people's messages, and unban to the notice of a
// ban.
import { setText } from './i18n.js';

const MAX_SHOWN = 200;
const TIMEOUT_SECONDS = 300;

export class ChatPanel {
  constructor(root, signal, room, { moderator = false } = {}) {
    this.signal = signal;
    this.room = room;
    this.moderator = moderator;
    this.list = root.querySelector('.messages');
    this.me = root.querySelector('.me');
    this.feedback = root.querySelector('.feedback');
    this.form = root.querySelector('form');
    this.input = this.form.querySelector('input');
    this.blockedUntil = 0;
    this.countdown = null;
    this.refs = 0;

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    signal
      .on('welcome', (welcome) => setText(this.me, 'chat.you', { name: welcome.name }))
      .on('joined', (joined) => joined.room === room && joined.history?.forEach((m) => this.add(m)))
      .on('chat.message', (message) => message.room === room && this.add(message))
      .on('chat.deleted', (deleted) => deleted.room === room && this.remove(deleted.id))
      .on('chat.timedout', (timedOut) => timedOut.room === room && this.timedOut(timedOut))
      .on('chat.banned', (banned) => banned.room === room && this.banned(banned))
      .on('chat.unbanned', (unbanned) => unbanned.room === room && this.unbanned(unbanned))
      .on('error', (error) => this.error(error));
  }

  send() {
    const text = this.input.value.trim();
    if (!text) return;
    if (text.length > 300) {
      this.say('chat.invalid');
      return;
    }
    this.refs += 1;
    if (!this.signal.send({ type: 'chat.send', room: this.room, text, ref: `chat-${this.refs}` })) {
      this.say('chat.notJoined');
      return;
    }
    this.input.value = '';
    if (Date.now() >= this.blockedUntil) this.say(null);
  }

  add(message) {
    if (this.list.querySelector(`li[data-id="${CSS.escape(message.id)}"]`)) return;
    const li = document.createElement('li');
    li.dataset.id = message.id;
    li.dataset.from = message.from;
    li.dataset.at = Date.parse(message.at);
    if (message.badge === 'streamer') {
      const badge = document.createElement('span');
      badge.className = 'badge';
      setText(badge, 'chat.streamer');
      li.append(badge);
    }
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = message.name;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = message.text;
    li.append(name, text);
    if (this.moderator && message.from !== this.signal.welcome?.session) {
      li.append(
        this.modButton('chat.delete', () => this.signal.send({ type: 'chat.delete', room: this.room, id: message.id })),
        this.modButton('chat.timeout', () =>
          this.signal.send({ type: 'chat.timeout', room: this.room, user: message.from, seconds: TIMEOUT_SECONDS }),
        ),
        this.modButton('chat.ban', () => this.signal.send({ type: 'chat.ban', room: this.room, user: message.from })),
      );
    }
    const atBottom = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - 8;
    // What a client missed while it moved to another gateway comes after newer live messages:
    // each goes where it belongs by the time the gateway accepted it.
    let next = null;
    for (let el = this.list.lastElementChild; el && Number(el.dataset.at) > li.dataset.at; el = el.previousElementSibling) {
      next = el;
    }
    this.list.insertBefore(li, next);
    while (this.list.children.length > MAX_SHOWN) this.list.firstElementChild.remove();
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  modButton(key, action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'mod';
    button.dataset.action = key;
    setText(button, key);
    button.addEventListener('click', action);
    return button;
  }

  remove(id) {
    this.list.querySelector(`li[data-id="${CSS.escape(id)}"]`)?.remove();
  }

  timedOut({ user, until }) {
    const ms = Date.parse(until) - Date.now();
    if (user === this.signal.welcome?.session) {
      this.block('chat.timedOut', ms);
      return;
    }
    this.notice('chat.timedOutNotice', user);
  }

  /** A ban lasts until the streamer lifts it: no countdown. */
  banned({ user }) {
    if (user === this.signal.welcome?.session) {
      this.blockedUntil = Infinity;
      clearInterval(this.countdown);
      this.say('chat.banned');
      return;
    }
    const li = this.notice('chat.bannedNotice', user);
    if (this.moderator) {
      li.append(this.modButton('chat.unban', () => this.signal.send({ type: 'chat.unban', room: this.room, user })));
    }
  }

  unbanned({ user }) {
    if (user === this.signal.welcome?.session) {
      this.blockedUntil = 0;
      clearInterval(this.countdown);
      this.say(null);
      return;
    }
    this.notice('chat.unbannedNotice', user);
  }

  /** A line about a user, named as in their last message still shown. */
  notice(key, user) {
    const name = this.list.querySelector(`li[data-from="${CSS.escape(user)}"] .name`)?.textContent ?? user;
    const li = document.createElement('li');
    li.className = 'notice';
    const text = document.createElement('span');
    setText(text, key, { name });
    li.append(text);
    this.list.append(li);
    return li;
  }

  error(error) {
    switch (error.code) {
      case 'chat.rate-limited':
        this.block('chat.rateLimited', error.retryAfterMs);
        break;
      case 'chat.timed-out':
        this.block('chat.timedOut', error.retryAfterMs);
        break;
      case 'room.banned':
        this.blockedUntil = Infinity;
        this.say('chat.banned');
        break;
      case 'chat.invalid-text':
        this.say('chat.invalid');
        break;
      default:
        if (error.ref?.startsWith('chat-')) this.say('chat.error', { message: error.message });
    }
  }

  /** Shows why sending is refused, counting down to when it works again. */
  block(key, ms) {
    this.blockedUntil = Date.now() + Math.max(0, ms ?? 0);
    clearInterval(this.countdown);
    const tick = () => {
      const left = Math.ceil((this.blockedUntil - Date.now()) / 1000);
      if (left <= 0) {
        clearInterval(this.countdown);
        this.say(null);
        return;
      }
      this.say(key, { s: left });
    };
    tick();
    this.countdown = setInterval(tick, 1000);
  }

  say(key, params) {
    if (key) setText(this.feedback, key, params);
    else {
      delete this.feedback.dataset.i18n;
      this.feedback.textContent = '';
    }
  }
}

