/**
 * Owner authorization: a request that edits, ends or uploads for a broadcast must carry
 * that broadcast's owner token as a Bearer credential.
 */
package dev.onair.broadcast.owner;
