package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One record an instance delivered to its application, as {@code POST /kafka/consumptions} takes
 * it.
 *
 * @param topic the record's topic
 * @param partition its partition
 * @param offset its offset
 * @param key the routing key it carried, or null
 * @param traceId the trace id of its {@code traceparent} header, or null
 * @param time when it was consumed
 * @param size its value's size in bytes
 */
record Consumption(
    String topic, int partition, long offset, String key, String traceId, Instant time, int size) {
  Consumption {
    requireNonNull(topic, "topic");
    requireNonNull(time, "time");
  }
}
