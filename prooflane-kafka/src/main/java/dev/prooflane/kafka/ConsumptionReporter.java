package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the consumptions of one instance to {@code POST /kafka/consumptions} from a daemon thread,
 * in batches of at most {@value #MAX_BATCH}. {@link #offer} never blocks the poll: when the bounded
 * queue is full (the daemon is slow or down) the consumption is dropped, counted, and a warning
 * with the count is logged at most every {@code warnEvery}. A batch the daemon refuses as bad input
 * (400) is dropped the same way; any other failure is retried with a growing delay.
 */
final class ConsumptionReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumptionReporter.class);
  static final String PATH = "/kafka/consumptions";

  /** The most records the daemon takes in one call. */
  static final int MAX_BATCH = 1_000;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration CLOSE_FLUSH = Duration.ofSeconds(2);

  private final DaemonEndpoint daemon;
  private final InterceptorSettings settings;
  private final BlockingQueue<Consumption> queue;
  private final Backoff backoff;
  private final LogThrottle dropWarnings;
  private final LogThrottle failureWarnings;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread thread;

  ConsumptionReporter(
      DaemonEndpoint daemon,
      InterceptorSettings settings,
      int capacity,
      Backoff backoff,
      Duration warnEvery) {
    this.daemon = requireNonNull(daemon, "daemon");
    this.settings = requireNonNull(settings, "settings");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
    }
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.backoff = requireNonNull(backoff, "backoff");
    this.dropWarnings = new LogThrottle(warnEvery);
    this.failureWarnings = new LogThrottle(warnEvery);
    this.thread = new Thread(this::run, "prooflane-kafka-consumptions");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Queues {@code consumption} for the daemon, or drops it if the queue is full; never blocks. */
  void offer(Consumption consumption) {
    if (!queue.offer(consumption)) {
      drop(1, "the queue of " + (queue.size() + queue.remainingCapacity()) + " is full");
    }
  }

  /** Consumptions dropped so far: queue full, or refused by the daemon. */
  long dropped() {
    return dropped.get();
  }

  /** Consumptions the daemon accepted so far. */
  long sent() {
    return sent.get();
  }

  private void run() {
    List<Consumption> batch = new ArrayList<>(MAX_BATCH);
    try {
      while (closed.getCount() > 0) {
        if (batch.isEmpty()) {
          Consumption head = queue.poll(1, TimeUnit.SECONDS);
          if (head == null) {
            continue;
          }
          batch.add(head);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        if (send(batch, Duration.ofSeconds(30))) {
          batch.clear();
          backoff.reset();
        } else if (closed.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      }
    } catch (InterruptedException e) {
      // closing: what is still queued gets one last try below
    }
    flushOnClose(batch);
  }

  /** One last try for what is left, bounded in time: the consumer is closing. */
  private void flushOnClose(List<Consumption> batch) {
    queue.drainTo(batch);
    long deadline = System.nanoTime() + CLOSE_FLUSH.toNanos();
    for (int from = 0; from < batch.size(); from += MAX_BATCH) {
      long left = deadline - System.nanoTime();
      List<Consumption> part = batch.subList(from, Math.min(batch.size(), from + MAX_BATCH));
      if (left <= 0 || !send(part, Duration.ofNanos(left))) {
        drop(batch.size() - from, "the consumer closed before the daemon took them");
        return;
      }
    }
  }

  /** Sends {@code batch}; true when it is done with (accepted, or refused as bad input). */
  private boolean send(List<Consumption> batch, Duration timeout) {
    try {
      HttpRequest request =
          daemon
              .request(PATH, timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body(batch)))
              .build();
      HttpResponse<String> response =
          daemon.client().send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status / 100 == 2) {
        sent.addAndGet(batch.size());
        failureWarnings.reset();
        return true;
      }
      if (status == 400) {
        drop(batch.size(), "the daemon refused them: " + response.body());
        return true;
      }
      failed("HTTP " + status + " " + response.body());
    } catch (IOException e) {
      failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private String body(List<Consumption> batch) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("service", settings.service());
    root.put("instance", settings.instance());
    root.put("group", settings.group());
    ArrayNode records = root.putArray("records");
    for (Consumption c : batch) {
      ObjectNode record = records.addObject();
      record.put("topic", c.topic());
      record.put("partition", c.partition());
      record.put("offset", c.offset());
      record.put("key", c.key());
      record.put("traceId", c.traceId());
      record.put("time", c.time().toString());
      record.put("size", c.size());
    }
    return root.toString();
  }

  private void failed(String why) {
    if (failureWarnings.due()) {
      LOG.warn(
          "Cannot report Kafka consumptions to {}: {} (retrying; up to {} wait meanwhile)",
          daemon.uri(PATH),
          why,
          queue.size() + queue.remainingCapacity());
    }
  }

  private void drop(int count, String why) {
    long total = dropped.addAndGet(count);
    if (dropWarnings.due()) {
      LOG.warn(
          "Dropped {} Kafka consumption reports ({} in all): {}; those consumptions are missing"
              + " from the hops",
          count,
          total,
          why);
    }
  }

  /** Stops the thread after one last bounded try to send what is queued. */
  @Override
  public void close() {
    closed.countDown();
    try {
      thread.join(CLOSE_FLUSH.plusSeconds(1).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
