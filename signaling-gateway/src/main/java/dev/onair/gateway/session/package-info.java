/**
 * Sessions: who is connected to this instance, in which rooms and roles, their signed
 * session tokens, per-session limits, and how server frames are written to them.
 */
package dev.onair.gateway.session;
