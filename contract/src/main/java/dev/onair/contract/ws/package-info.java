/**
 * The browser WebSocket protocol of the gateway's {@code /ws}: one record per frame type,
 * and {@link dev.onair.contract.ws.WsMessages} naming them. Documented in
 * {@code docs/protocol.md}.
 */
package dev.onair.contract.ws;
