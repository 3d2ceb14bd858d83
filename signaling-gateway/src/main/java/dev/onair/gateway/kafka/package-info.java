/**
 * How this instance produces to Kafka: every send off the threads others wait on, and the
 * producer's metadata fetched before the instance is ready.
 */
package dev.onair.gateway.kafka;
