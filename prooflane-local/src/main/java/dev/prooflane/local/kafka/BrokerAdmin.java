package dev.prooflane.local.kafka;

import dev.prooflane.model.ProoflaneException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * What the daemon asks a broker with the Kafka clients: whether it answers ({@code
 * describeCluster}), and to create the topics of the {@code kafka:} section.
 */
final class BrokerAdmin implements AutoCloseable {
  /** How long one try of {@link #awaitUp} waits before the broker's process is looked at again. */
  private static final Duration TRY = Duration.ofSeconds(1);

  private final String bootstrap;
  private final Admin admin;

  BrokerAdmin(String bootstrap) {
    this.bootstrap = bootstrap;
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "prooflane-daemon",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"));
  }

  /**
   * Waits until the broker describes its cluster, at most {@code timeout}; between tries, {@code
   * alive} says whether to go on (false: the broker's process exited).
   *
   * @return true once it answered; false when {@code alive} said no or the time ran out
   */
  boolean awaitUp(Duration timeout, BooleanSupplier alive) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (alive.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      long slice = Math.max(1, Math.min(TRY.toMillis(), TimeUnit.NANOSECONDS.toMillis(left)));
      try {
        admin
            .describeCluster(new DescribeClusterOptions().timeoutMs((int) slice))
            .clusterId()
            .get(slice + TRY.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (ExecutionException | TimeoutException e) {
        // not up yet: try again while the process lives and time is left
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProoflaneException("interrupted while waiting for the Kafka broker");
      }
    }
    return false;
  }

  /**
   * Creates each of {@code topics} that does not exist yet, with {@code partitions} partitions and
   * one replica (or the broker's defaults when empty).
   *
   * @return the topics created now (those that existed are left as they are)
   * @throws ProoflaneException naming the topic and the broker's answer when one cannot be created
   */
  List<String> createTopics(List<String> topics, Optional<Integer> partitions, Duration timeout) {
    List<NewTopic> wanted = new ArrayList<>();
    for (String topic : topics) {
      wanted.add(
          partitions.isPresent()
              ? new NewTopic(topic, partitions.get(), (short) 1)
              : new NewTopic(topic, Optional.empty(), Optional.empty()));
    }
    Map<String, KafkaFuture<Void>> results = admin.createTopics(wanted).values();
    List<String> created = new ArrayList<>();
    for (String topic : topics) {
      try {
        results.get(topic).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        created.add(topic);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new ProoflaneException(
              "kafka.topics: cannot create topic '"
                  + topic
                  + "' on "
                  + bootstrap
                  + ": "
                  + e.getCause().getMessage(),
              e.getCause());
        }
      } catch (TimeoutException e) {
        throw new ProoflaneException(
            "kafka.topics: the broker at "
                + bootstrap
                + " did not create topic '"
                + topic
                + "' within "
                + timeout.toSeconds()
                + " s",
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProoflaneException("interrupted while creating Kafka topic '" + topic + "'");
      }
    }
    return created;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
