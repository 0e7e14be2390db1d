package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

/**
 * Which message a consumption hop is about, and who consumed it.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the record's offset in its partition
 * @param group the consumer group of the consumer that received it
 */
public record RecordPosition(String topic, int partition, long offset, String group) {
  public RecordPosition {
    requireNonNull(topic, "topic");
    requireNonNull(group, "group");
    if (partition < 0) {
      throw new IllegalArgumentException("partition: " + partition + " (expected: >= 0)");
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
    }
  }
}
