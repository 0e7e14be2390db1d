package dev.prooflane.examples.shop.notifier;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.prooflane.examples.shop.http.Console;
import dev.prooflane.examples.shop.http.Json;
import dev.prooflane.examples.shop.http.Reply;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Consumes the orders topic on a thread of its own and notifies (logs one line) per order; ready
 * once the group gave it its partitions. Answers {@code GET /health} (503 until ready) and {@code
 * GET /notifications} (the latest {@value #KEPT}, oldest first).
 */
public final class Notifier implements AutoCloseable {
  static final int KEPT = 1000;

  private final Consumer<String, String> consumer;
  private final String servedBy;
  private final Console console;
  private final Deque<Notification> notifications = new ArrayDeque<>();
  private final Thread thread;
  private volatile boolean ready;
  private volatile String failure;

  private Notifier(
      Consumer<String, String> consumer, String topic, String servedBy, Console console) {
    this.consumer = requireNonNull(consumer, "consumer");
    this.servedBy = requireNonNull(servedBy, "servedBy");
    this.console = requireNonNull(console, "console");
    this.thread = new Thread(() -> consume(requireNonNull(topic, "topic")), "notifier-consumer");
  }

  /** Starts consuming {@code topic} with {@code consumer} as instance {@code servedBy}. */
  public static Notifier start(
      Consumer<String, String> consumer, String topic, String servedBy, Console console) {
    Notifier notifier = new Notifier(consumer, topic, servedBy, console);
    notifier.thread.start();
    return notifier;
  }

  /** Whether the group assigned it its partitions. */
  public boolean ready() {
    return ready;
  }

  /** What it processed, oldest first. */
  public synchronized List<Notification> notifications() {
    return List.copyOf(notifications);
  }

  /** Answers one request. */
  public Reply answer(HttpExchange exchange, String body) {
    String path = exchange.getRequestURI().getRawPath();
    if ("/health".equals(path)) {
      if (failure != null) {
        return Reply.error(503, "consumer_failed", failure);
      }
      return ready
          ? Reply.ok(Json.object().put("status", "UP"))
          : Reply.error(503, "starting", "waiting for the group to assign partitions");
    }
    if ("/notifications".equals(path) && "GET".equals(exchange.getRequestMethod())) {
      ObjectNode out = Json.object().put("servedBy", servedBy);
      ArrayNode list = out.putArray("notifications");
      notifications().forEach(n -> list.add(n.toJson()));
      return Reply.ok(out);
    }
    return Reply.error(
        404, "not_found", "no route " + path + " (expected: GET /notifications or GET /health)");
  }

  private void consume(String topic) {
    try {
      consumer.subscribe(
          List.of(topic),
          new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
              ready = true;
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
              // the next assignment follows
            }
          });
      while (true) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          Notification n = Notification.of(record, servedBy);
          synchronized (this) {
            if (notifications.size() == KEPT) {
              notifications.removeFirst();
            }
            notifications.addLast(n);
          }
          console.out().println(n.line());
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      failure = e.toString();
      console.err().println("ERROR notifier: consuming " + topic + ": " + e);
    } finally {
      consumer.close();
    }
  }

  /** Stops consuming and leaves the group. */
  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
