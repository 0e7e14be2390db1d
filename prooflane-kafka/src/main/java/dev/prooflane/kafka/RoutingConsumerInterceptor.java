package dev.prooflane.kafka;

import dev.prooflane.keys.KeyExtractor;
import dev.prooflane.keys.KeyResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka consumer interceptor that passes the application only the records routed to its instance:
 * enabled with {@code interceptor.classes=dev.prooflane.kafka.RoutingConsumerInterceptor}, no code
 * change.
 *
 * <p>The baseline instance (no sandbox) takes every record except those whose routing key belongs
 * to a sandbox that forks this service, also while that fork is down: those wait in the fork's own
 * consumer group. A fork instance of sandbox S takes only records with S's key. Skipped records are
 * committed past like the others (the consumer's position moves; only the batch the application
 * sees is filtered). The key is read from the record headers ({@code baggage}, {@code tracestate},
 * the key header) by the router's own rules; an invalid or conflicting key counts as none.
 *
 * <p>Settings: consumer properties {@code prooflane.api}, {@code prooflane.token}, {@code
 * prooflane.service}, {@code prooflane.sandbox}, each defaulting to the environment variable the
 * daemon sets ({@code PROOFLANE_API}, {@code PROOFLANE_SERVICE_TOKEN}, {@code PROOFLANE_SERVICE},
 * {@code PROOFLANE_SANDBOX}; no sandbox is the baseline), and the consumer's {@code group.id}. The
 * routes come from the daemon, or in a cluster from the Sandbox resources ({@code prooflane.routes}
 * chooses, see {@link RoutesFrom}), watched in the background; until the first arrive, {@link
 * #onConsume} waits (fail closed), with a warning every 10 seconds. Records delivered are reported
 * to the daemon as consumption hops, asynchronously, when there is a daemon.
 *
 * @param <K> the record key type
 * @param <V> the record value type
 */
public final class RoutingConsumerInterceptor<K, V> implements ConsumerInterceptor<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(RoutingConsumerInterceptor.class);
  static final Duration WARN_EVERY = Duration.ofSeconds(10);
  static final int REPORT_QUEUE = 10_000;

  private final Map<String, String> env;
  private InterceptorSettings settings;
  private RoutesSource watcher;
  private Optional<ConsumptionReporter> reporter = Optional.empty();
  private final AtomicBoolean invalidKeyLogged = new AtomicBoolean();

  /** The selection of the routes last seen, recomputed when their version changes. */
  private Routes selectedRoutes;

  private Selection selection;
  private KeyExtractor extractor;

  /** The interceptor Kafka instantiates; settings come in {@link #configure}. */
  public RoutingConsumerInterceptor() {
    this(System.getenv());
  }

  RoutingConsumerInterceptor(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public void configure(Map<String, ?> configs) {
    settings = InterceptorSettings.from(configs, env::get);
    Optional<DaemonEndpoint> daemon =
        settings.daemon().map(d -> new DaemonEndpoint(d.api(), d.token()));
    Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
    watcher =
        switch (settings.routes()) {
          case DAEMON ->
              new RoutesWatcher(daemon.orElseThrow(), Duration.ofSeconds(30), backoff, WARN_EVERY);
          case KUBERNETES ->
              new SandboxWatcher(ClusterSettings.from(configs, env::get), backoff, WARN_EVERY);
        };
    reporter =
        daemon.map(
            d ->
                new ConsumptionReporter(
                    d,
                    settings,
                    REPORT_QUEUE,
                    new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)),
                    WARN_EVERY));
    watcher.start();
    reporter.ifPresentOrElse(
        ConsumptionReporter::start,
        () ->
            LOG.info(
                "Prooflane consumption reports are off: there is no daemon in a cluster (set {} or"
                    + " {} to report consumptions to one)",
                InterceptorSettings.API,
                InterceptorSettings.API_ENV));
    LOG.info(
        "Prooflane routing for service {} instance {} (group {}), routes from {}",
        settings.service(),
        settings.instance(),
        settings.group(),
        watcher.url());
  }

  /**
   * The records of {@code records} routed to this instance; waits for the first routes. Never
   * throws: Kafka would hand the application the whole batch.
   */
  @Override
  public ConsumerRecords<K, V> onConsume(ConsumerRecords<K, V> records) {
    if (records.isEmpty()) {
      return records;
    }
    try {
      Routes routes = awaitRoutes(records.count());
      if (routes == null) {
        return new ConsumerRecords<>(Map.of(), records.nextOffsets());
      }
      return filter(records, routes);
    } catch (RuntimeException e) {
      LOG.error(
          "Prooflane routing failed on a batch of {} records; none is delivered (fail closed)",
          records.count(),
          e);
      return new ConsumerRecords<>(Map.of(), records.nextOffsets());
    }
  }

  /** The routes, waiting for the first; null if the thread is interrupted first. */
  private Routes awaitRoutes(int held) {
    Routes routes = watcher.current();
    long start = System.nanoTime();
    try {
      while (routes == null) {
        routes = watcher.awaitFirst(WARN_EVERY);
        if (routes == null) {
          LOG.warn(
              "No Kafka routes from {} after {} s ({}); {} records are held until they arrive",
              watcher.url(),
              Duration.ofNanos(System.nanoTime() - start).toSeconds(),
              watcher.problem(),
              held);
        }
      }
      return routes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn(
          "Interrupted while waiting for the first Kafka routes from {}: the {} records of this"
              + " poll are not delivered (fail closed)",
          watcher.url(),
          held);
      return null;
    }
  }

  private ConsumerRecords<K, V> filter(ConsumerRecords<K, V> records, Routes routes) {
    if (routes != selectedRoutes) {
      selection =
          Selection.of(
              routes,
              settings.service(),
              settings.sandbox(),
              selection == null ? null : selection.ownKey());
      extractor = new KeyExtractor(routes.keyNames());
      selectedRoutes = routes;
    }
    Instant now = Instant.now();
    Map<TopicPartition, List<ConsumerRecord<K, V>>> kept = new LinkedHashMap<>();
    boolean skipped = false;
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<K, V>> list = records.records(partition);
      List<ConsumerRecord<K, V>> delivered = new ArrayList<>(list.size());
      for (ConsumerRecord<K, V> record : list) {
        HeaderCarriers headers = new HeaderCarriers(record.headers());
        String key = key(record, headers);
        if (selection.decide(key).delivers()) {
          delivered.add(record);
          Consumption consumption =
              new Consumption(
                  record.topic(),
                  record.partition(),
                  record.offset(),
                  key,
                  headers.traceId(),
                  now,
                  Math.max(0, record.serializedValueSize()));
          reporter.ifPresent(r -> r.offer(consumption));
        } else {
          skipped = true;
        }
      }
      if (!delivered.isEmpty()) {
        kept.put(partition, delivered);
      }
    }
    return skipped ? new ConsumerRecords<>(kept, records.nextOffsets()) : records;
  }

  private String key(ConsumerRecord<K, V> record, HeaderCarriers headers) {
    KeyResult result = extractor.extract(headers);
    if (result instanceof KeyResult.Present present) {
      return present.key();
    }
    if (result instanceof KeyResult.Invalid invalid
        && invalidKeyLogged.compareAndSet(false, true)) {
      LOG.warn(
          "Record {}-{}@{}: {}; it counts as a record without a key (this is logged once)",
          record.topic(),
          record.partition(),
          record.offset(),
          invalid.message());
    }
    return null;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
    reporter.ifPresent(ConsumptionReporter::close);
  }
}
