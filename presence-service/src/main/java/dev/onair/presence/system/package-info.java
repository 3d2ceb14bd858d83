/**
 * Configuration only: wiring of Kafka (beyond application.yml), Redis and scheduling for
 * presence-service.
 */
package dev.onair.presence.system;
