package dev.prooflane.server.json;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /kafka/consumptions}: records one consumer instance received.
 *
 * @param service the consuming service
 * @param instance {@code baseline}, or the sandbox whose fork consumed them
 * @param group the consumer's {@code group.id}
 * @param records at most 1,000
 */
public record ConsumptionRequest(
    String service, String instance, String group, List<ConsumedRecord> records) {
  public ConsumptionRequest {
    requireNonNull(service, "service");
    requireNonNull(instance, "instance");
    requireNonNull(group, "group");
    records = List.copyOf(records);
  }

  /**
   * One record received.
   *
   * @param topic its topic
   * @param partition its partition
   * @param offset its offset in the partition
   * @param key the routing key its headers carried, or null
   * @param traceId the trace id of its {@code traceparent} header, or null
   * @param time when it was received
   * @param size its value's size in bytes
   */
  public record ConsumedRecord(
      String topic,
      int partition,
      long offset,
      String key,
      String traceId,
      Instant time,
      long size) {
    public ConsumedRecord {
      requireNonNull(topic, "topic");
      requireNonNull(time, "time");
    }
  }
}
