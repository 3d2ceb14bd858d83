package dev.onair.contract.media;

/** Whether a room's publisher has media flowing into the SFU. */
public enum PublisherState {

	CONNECTED, DISCONNECTED

}
