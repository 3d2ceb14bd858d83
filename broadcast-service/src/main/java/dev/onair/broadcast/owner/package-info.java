/**
 * Owner authorization: a request that edits, ends or uploads for a broadcast must carry a
 * valid, unexpired and unrevoked owner token of that broadcast as a Bearer credential;
 * its holder may re-issue it, which revokes the earlier ones.
 */
package dev.onair.broadcast.owner;
