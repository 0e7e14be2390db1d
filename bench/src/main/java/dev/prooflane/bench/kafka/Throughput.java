package dev.prooflane.bench.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.bench.Series;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.client.HopQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer throughput with and without the interceptor: in each round every consumer reads the
 * whole topic from the beginning in a group of its own ({@link ReadThrough}), in an order that
 * rotates from round to round; the first rounds are not counted (JIT). A routed consumer's reports
 * go to the daemon: how many it took is read from its hop log's sequence numbers, what they cost it
 * from its process's CPU time.
 */
final class Throughput {
  /**
   * One kind of consumer.
   *
   * @param label how the figures name it
   * @param instance the interceptor's instance ({@code baseline} or a sandbox's name), or null for
   *     a plain consumer
   * @param expected how many records the application must be given in a read
   */
  record Variant(String label, String instance, long expected) {}

  /**
   * The measured reads of one variant.
   *
   * @param perSecond records read per second, one sample per read
   * @param pollCpuMicros CPU microseconds of the polling thread per record read, per read
   * @param processCpuMicros CPU microseconds of this JVM per record read, per read
   * @param daemonCpuMicros CPU microseconds of the daemon per record read, from the consumer's
   *     creation to the end of its close (its last reports), per read
   * @param reportedShare the share of delivered records the daemon recorded a hop for, per read
   */
  record Figures(
      Series perSecond,
      Series pollCpuMicros,
      Series processCpuMicros,
      Series daemonCpuMicros,
      Series reportedShare) {
    Figures() {
      this(new Series(), new Series(), new Series(), new Series(), new Series());
    }
  }

  private Throughput() {}

  /**
   * Reads {@code topic} (ending at {@code end}) with each of {@code variants}, {@code warmup} +
   * {@code rounds} times.
   *
   * @throws IllegalStateException when a consumer is given another number of records than its
   *     variant expects (a misrouted record)
   */
  static Map<Variant, Figures> measure(
      DaemonClient client,
      ProcessHandle daemon,
      Clients clients,
      String topic,
      Map<TopicPartition, Long> end,
      List<Variant> variants,
      int warmup,
      int rounds) {
    Map<Variant, Figures> figures = new LinkedHashMap<>();
    variants.forEach(v -> figures.put(v, new Figures()));
    for (int round = 0; round < warmup + rounds; round++) {
      List<Variant> order = new ArrayList<>(variants);
      Collections.rotate(order, -round);
      for (Variant v : order) {
        String group = "tp-" + (v.instance() == null ? "plain" : v.instance()) + "-" + round;
        Properties settings =
            v.instance() == null ? clients.plain(group) : clients.routed(group, v.instance());
        long seqBefore = lastHop(client);
        Duration cpuBefore = cpu(daemon);
        ReadThrough.Result result = ReadThrough.read(settings, topic, end);
        long reported = lastHop(client) - seqBefore;
        Duration daemonCpu = cpu(daemon).minus(cpuBefore);
        if (result.delivered() != v.expected()
            || result.bytes() != result.delivered() * TopicFill.VALUE_BYTES) {
          throw new IllegalStateException(
              v.label()
                  + ": given "
                  + result.delivered()
                  + " records ("
                  + result.bytes()
                  + " bytes) of "
                  + result.read()
                  + " (expected: "
                  + v.expected()
                  + ")");
        }
        if (round >= warmup) {
          figures.get(v).perSecond().add(result.perSecond());
          figures.get(v).pollCpuMicros().add(result.pollCpuSeconds() * 1e6 / result.read());
          figures.get(v).processCpuMicros().add(result.processCpuSeconds() * 1e6 / result.read());
          figures.get(v).daemonCpuMicros().add(daemonCpu.toNanos() / 1e3 / result.read());
          if (v.instance() != null) {
            figures.get(v).reportedShare().add(100.0 * reported / result.delivered());
          }
        }
      }
    }
    return figures;
  }

  /** The CPU time {@code process} has used so far. */
  private static Duration cpu(ProcessHandle process) {
    return process
        .info()
        .totalCpuDuration()
        .orElseThrow(() -> new IllegalStateException("no CPU time for process " + process.pid()));
  }

  /** The sequence number of the newest hop the daemon recorded, 0 when none. */
  static long lastHop(DaemonClient client) {
    JsonNode hops = client.hops(HopQuery.latest(1)).path("hops");
    return hops.isEmpty() ? 0 : hops.get(hops.size() - 1).path("seq").asLong();
  }
}
