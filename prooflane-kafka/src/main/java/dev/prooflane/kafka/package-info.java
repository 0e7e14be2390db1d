/**
 * A Kafka consumer interceptor that delivers each record only to the instance it is routed to: the
 * baseline's consumer, or the consumer of the sandbox whose key the record carries.
 */
package dev.prooflane.kafka;
