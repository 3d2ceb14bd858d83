/**
 * How this instance produces to Kafka, every send off the threads others wait on and the
 * producer's metadata fetched before the instance is ready, and what the bindings'
 * functions read of a record.
 */
package dev.onair.gateway.kafka;
