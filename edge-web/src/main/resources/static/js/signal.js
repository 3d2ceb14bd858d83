// The browser's one WebSocket to the platform (/ws, protocol in docs/protocol.md).
// It keeps the session identity across reconnects: the signed session token lives in
// sessionStorage (one identity per tab, gone with the tab), and after every welcome the
// page's rooms are joined again, so they come back on whichever gateway instance answers
// even when the gateways' Redis lost the session's resume state.

const TOKEN_KEY = 'onair.session-token';
const BACKOFF_MS = [250, 500, 1000, 2000, 4000];
/**
 * Refusals that mean "not now" (Kafka or Redis slow, too many frames): the same request
 * works later. After a gateway restart or an edge-web restart every client comes back at
 * once, and a join refused then must not leave the page watching a room it is not in.
 */
const RETRYABLE = new Set(['unavailable', 'rate.limited']);
const RETRY_MS = 1000;
const HELLO_REF = 'hello';
/**
 * The gateway answers a hello within 5 s (`unavailable` when Redis or Kafka do not);
 * a connection with no answer at all in twice that is a dead end somewhere on the way
 * (a proxy that kept our side open without reaching a gateway), and is replaced.
 */
const HELLO_TIMEOUT_MS = 10000;
/** A join's ref names its room, so a refusal tells which join to send again. */
const JOIN_REF = 'join:';

export class Signal extends EventTarget {
  /** `name` is asked for in the first hello; a resumed session keeps the name it has. */
  constructor({ name } = {}) {
    super();
    this.name = name;
    this.state = 'idle';
    this.welcome = null;
    this.rooms = new Map();
    /** Per room, the id of the last chat message received: a join again asks for what came after it. */
    this.lastChat = new Map();
    this.socket = null;
    this.attempt = 0;
    this.closedByUs = false;
    this.welcomedOn = null;
  }

  /** Listens to one server message type (or 'state'); the handler gets the message. */
  on(type, handler) {
    this.addEventListener(type, (event) => handler(event.detail));
    return this;
  }

  /** Opens the socket; resolves with the first welcome. */
  connect() {
    this.closedByUs = false;
    return new Promise((resolve, reject) => {
      let settled = false;
      const onWelcome = (event) => {
        settled = true;
        this.removeEventListener('welcome', onWelcome);
        resolve(event.detail);
      };
      this.addEventListener('welcome', onWelcome);
      this.open(() => {
        if (!settled) {
          this.removeEventListener('welcome', onWelcome);
          reject(new Error('WebSocket closed before welcome'));
        }
      });
    });
  }

  open(onFirstClose) {
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws`);
    this.socket = socket;
    socket.addEventListener('open', () => {
      const token = sessionStorage.getItem(TOKEN_KEY);
      socket.send(JSON.stringify({ type: 'hello', v: 1, name: this.name, token, ref: HELLO_REF }));
      setTimeout(() => {
        if (this.socket === socket && this.welcomedOn !== socket) this.helloAgain(socket);
      }, HELLO_TIMEOUT_MS);
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (onFirstClose && !this.welcome) onFirstClose();
      if (this.closedByUs) {
        this.setState('closed');
        return;
      }
      this.reconnect();
    });
  }

  reconnect() {
    const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
    this.attempt += 1;
    this.setState('reconnecting');
    setTimeout(() => this.open(), delay * (0.75 + Math.random() / 2));
  }

  receive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message.type === 'welcome') {
      this.welcome = message;
      this.welcomedOn = this.socket;
      this.attempt = 0;
      sessionStorage.setItem(TOKEN_KEY, message.token);
      this.setState('open');
      // A fresh session (token expired or unknown) has no rooms yet, and a resumed one gets back
      // only the rooms the gateways' Redis still lists, which a flush or a restart without its data
      // loses: join every room again. One the gateway already brought back answers `joined` once
      // more; `since` gets in either the room's chat messages this page missed while away.
      for (const [room, join] of this.rooms) {
        this.sendJoin(room, join);
      }
    } else if (message.type === 'error' && RETRYABLE.has(message.code)) {
      this.retry(message);
    } else if (message.type === 'chat.message') {
      this.lastChat.set(message.room, message.id);
    } else if (message.type === 'joined' && message.history?.length) {
      this.lastChat.set(message.room, message.history[message.history.length - 1].id);
    } else if (message.type === 'ice-servers' && this.welcome) {
      // Fresh TURN credentials: every peer connection opened from now on uses them.
      this.welcome.iceServers = message.iceServers;
    } else if (message.type === 'reconnect') {
      // The instance is draining or failing: move after the jittered delay it chose. 4000
      // says "moving": the gateway keeps our rooms for the resume instead of counting us out.
      setTimeout(() => this.socket?.close(4000, 'moving'), message.afterMs ?? 0);
    }
    this.dispatchEvent(new CustomEvent(message.type, { detail: message }));
  }

  setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }

  /** Sends a client message; false when the socket is not open (the caller tells the user). */
  send(message) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN || !this.welcome) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  join(room, role = 'viewer', ownerToken) {
    const join = ownerToken ? { role, ownerToken } : { role };
    this.rooms.set(room, join);
    this.sendJoin(room, join);
  }

  /** `since` gets in the room's chat messages this page missed while away (none the first time). */
  sendJoin(room, join) {
    this.send({ type: 'join', room, ...join, since: this.lastChat.get(room), ref: JOIN_REF + room });
  }

  /**
   * A new connection, and on it a new hello; the old one is let go at once (4000 keeps
   * the rooms for the resume), without waiting for a close that a dead end may never
   * confirm.
   */
  helloAgain(socket) {
    if (!socket || this.socket !== socket) return;
    this.socket = null;
    socket.close(4000, 'retry');
    this.reconnect();
  }

  /**
   * Sends a refused hello or join again once the gateway's wait is over. A hello that was
   * not answered may have half resumed the session, so it is sent on a new connection (4000
   * keeps the rooms for the resume); a join is all or nothing and goes again as it was,
   * unless the page left the room meanwhile.
   */
  retry({ ref, retryAfterMs }) {
    const socket = this.socket;
    if (ref === HELLO_REF) {
      this.helloAgain(socket);
    } else if (ref?.startsWith(JOIN_REF)) {
      const room = ref.slice(JOIN_REF.length);
      setTimeout(() => {
        if (this.socket === socket && this.rooms.has(room)) this.sendJoin(room, this.rooms.get(room));
      }, retryAfterMs ?? RETRY_MS);
    }
  }

  /** The owner token a publisher's join carries from now on, also when joining again after a welcome. */
  renewOwnerToken(room, ownerToken) {
    const join = this.rooms.get(room);
    if (join?.ownerToken) this.rooms.set(room, { ...join, ownerToken });
  }

  leave(room) {
    this.rooms.delete(room);
    this.lastChat.delete(room);
    this.send({ type: 'leave', room });
  }

  close() {
    this.closedByUs = true;
    // 1000: we are done, so the gateway counts us out at once instead of waiting for a resume.
    this.socket?.close(1000);
  }
}
