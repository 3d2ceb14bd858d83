/**
 * Draining a Janus node (an operator's command): it takes no new rooms or viewers, and
 * its viewers are moved make-before-break by the owners of their rooms.
 */
package dev.onair.media.drain;
