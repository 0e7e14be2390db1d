package dev.prooflane.bench.kafka;

import dev.prooflane.local.RouteWatch;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.KafkaRoutes;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Long-polls {@code GET /kafka/routes} as the interceptor does, on its own thread, and notes the
 * {@link System#nanoTime} instant each key first appeared in an answer and then left it: the
 * daemon's part of a route change's way to a consumer.
 */
final class RoutesAnswers implements AutoCloseable {
  private final DaemonClient client;
  private final Map<String, CompletableFuture<Long>> appeared = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Long>> gone = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  RoutesAnswers(DaemonClient client) {
    this.client = client;
    this.thread = new Thread(this::run, "routes-answers");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** When an answer first listed {@code key}. */
  CompletableFuture<Long> appeared(String key) {
    return appeared.computeIfAbsent(key, k -> new CompletableFuture<>());
  }

  /** When an answer first left out {@code key} after listing it. */
  CompletableFuture<Long> gone(String key) {
    return gone.computeIfAbsent(key, k -> new CompletableFuture<>());
  }

  private void run() {
    Long version = null;
    Set<String> keys = new HashSet<>();
    while (running) {
      KafkaRoutes routes;
      try {
        routes = client.kafkaRoutes(version, 30);
      } catch (RuntimeException e) {
        if (running) {
          appeared.values().forEach(f -> f.completeExceptionally(e));
          gone.values().forEach(f -> f.completeExceptionally(e));
        }
        return;
      }
      long now = System.nanoTime();
      version = routes.version();
      Set<String> listed =
          routes.sandboxes().stream()
              .map(RouteWatch.RoutedSandbox::key)
              .collect(Collectors.toSet());
      for (String key : listed) {
        if (!keys.contains(key)) {
          appeared(key).complete(now);
        }
      }
      for (String key : keys) {
        if (!listed.contains(key)) {
          gone(key).complete(now);
        }
      }
      keys = listed;
    }
  }

  /** Stops watching (the thread ends with its current long poll at the latest). */
  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
