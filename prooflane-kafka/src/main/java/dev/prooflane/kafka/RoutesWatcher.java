package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest Kafka routes of the daemon: a daemon thread long-polls {@code GET
 * /kafka/routes?version=V&wait=S}, which answers once the routes differ from version V. A failed
 * call is retried with a growing delay and the last routes stay in force meanwhile; a warning names
 * the URL and the problem when an outage starts and every {@code warnEvery} while it lasts.
 */
final class RoutesWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RoutesWatcher.class);
  static final String PATH = "/kafka/routes";

  private final DaemonEndpoint daemon;
  private final Duration wait;
  private final Backoff backoff;
  private final LogThrottle outageWarnings;
  private final CountDownLatch first = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread thread;
  private volatile Routes current;
  private volatile String problem = "no answer yet";
  private boolean failing;

  RoutesWatcher(DaemonEndpoint daemon, Duration wait, Backoff backoff, Duration warnEvery) {
    this.daemon = requireNonNull(daemon, "daemon");
    this.wait = requireNonNull(wait, "wait");
    this.backoff = requireNonNull(backoff, "backoff");
    this.outageWarnings = new LogThrottle(warnEvery);
    this.thread = new Thread(this::run, "prooflane-kafka-routes");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The latest routes, or null until the first arrive. */
  Routes current() {
    return current;
  }

  /** Waits up to {@code timeout} for the first routes; returns them or null. */
  Routes awaitFirst(Duration timeout) throws InterruptedException {
    first.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return current;
  }

  /** Why the last failed call failed, for warnings; {@code "no answer yet"} before any failed. */
  String problem() {
    return problem;
  }

  /** The URL watched, for warnings. */
  String url() {
    return daemon.uri(PATH).toString();
  }

  private void run() {
    while (closed.getCount() > 0) {
      Routes known = current;
      String query =
          known == null
              ? "?wait=" + wait.toSeconds()
              : "?version=" + known.version() + "&wait=" + wait.toSeconds();
      try {
        HttpResponse<String> response =
            daemon
                .client()
                .send(
                    daemon.request(PATH + query, wait.plusSeconds(15)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == 200) {
          accept(RoutesJson.parse(response.body()));
          continue;
        }
        if (response.statusCode() == 204 || response.statusCode() == 304) {
          recovered();
          continue;
        }
        failed("HTTP " + response.statusCode() + " " + excerpt(response.body()));
      } catch (IOException | RoutesJson.RoutesFormatException e) {
        failed(e.getClass().getSimpleName() + ": " + e.getMessage());
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (closed.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void accept(Routes routes) {
    // Compared whole, not by version alone: a daemon that restarts may count versions afresh.
    if (!routes.equals(current)) {
      current = routes;
      LOG.debug(
          "Kafka routes version {}: {} sandboxes", routes.version(), routes.sandboxes().size());
    }
    first.countDown();
    recovered();
  }

  private void recovered() {
    if (failing) {
      LOG.info("Kafka routes from {} are back", url());
    }
    failing = false;
    backoff.reset();
    outageWarnings.reset();
  }

  private void failed(String why) {
    problem = why;
    failing = true;
    if (outageWarnings.due()) {
      LOG.warn(
          "Cannot read the Kafka routes from {}: {}; {} (retrying)",
          url(),
          why,
          current == null
              ? "records are held until the first routes arrive"
              : "the routes of version " + current.version() + " stay in force");
    }
  }

  private static String excerpt(String body) {
    String line = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  @Override
  public void close() {
    closed.countDown();
    thread.interrupt();
  }
}
