/**
 * What the shop's Kafka services share: their settings from the environment and the W3C trace
 * context and baggage in and out of record headers, with the same OpenTelemetry propagators as the
 * HTTP services, as OpenTelemetry's Kafka instrumentation writes them.
 */
package dev.prooflane.examples.shop.kafka;
