package dev.prooflane.bench.kafka;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumer reading a whole topic from the beginning in its own group, as an application does
 * (subscribe, poll, look at each record it is given), timed from its partitions' assignment to the
 * poll after which its position is at the end of every partition. Closing it (the interceptor's
 * last reports) is not timed.
 */
final class ReadThrough {
  private static final Duration LIMIT = Duration.ofMinutes(2);

  /**
   * One read.
   *
   * @param seconds from the assignment to the end of the topic
   * @param read the records of the topic (the consumer's position moved past each)
   * @param delivered the records the application was given
   * @param bytes the size of their values
   * @param pollCpuSeconds the CPU time of the thread that polled (the interceptor runs on it)
   * @param processCpuSeconds the CPU time of this JVM (with the interceptor's reporting thread)
   */
  record Result(
      double seconds,
      long read,
      long delivered,
      long bytes,
      double pollCpuSeconds,
      double processCpuSeconds) {
    double perSecond() {
      return read / seconds;
    }
  }

  private ReadThrough() {}

  /**
   * Reads {@code topic}, which holds {@code end} (its partitions' end offsets), with a consumer of
   * {@code settings}.
   *
   * @throws IllegalStateException when the end is not reached within two minutes
   */
  static Result read(Properties settings, String topic, Map<TopicPartition, Long> end) {
    AssignmentClock clock = new AssignmentClock();
    long delivered = 0;
    long bytes = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
      consumer.subscribe(List.of(topic), clock);
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (!clock.started() || !atEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              settings.get("group.id") + ": not at the end of " + topic + " after " + LIMIT);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          delivered++;
          bytes += record.value().length;
        }
      }
      return clock.stop(end.values().stream().mapToLong(Long::longValue).sum(), delivered, bytes);
    }
  }

  private static boolean atEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    if (!consumer.assignment().containsAll(end.keySet())) {
      return false;
    }
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The instants of the first assignment of partitions, taken on the polling thread: wall clock,
   * that thread's CPU time, this JVM's CPU time.
   */
  private static final class AssignmentClock implements ConsumerRebalanceListener {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final OperatingSystemMXBean os =
        ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private long nanos;
    private long threadCpu;
    private long processCpu;

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (nanos == 0) {
        nanos = System.nanoTime();
        threadCpu = threads.getCurrentThreadCpuTime();
        processCpu = os.getProcessCpuTime();
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

    boolean started() {
      return nanos != 0;
    }

    /** The result of a read that ends now, on the polling thread. */
    Result stop(long read, long delivered, long bytes) {
      long done = System.nanoTime();
      return new Result(
          (done - nanos) / 1e9,
          read,
          delivered,
          bytes,
          (threads.getCurrentThreadCpuTime() - threadCpu) / 1e9,
          (os.getProcessCpuTime() - processCpu) / 1e9);
    }
  }
}
