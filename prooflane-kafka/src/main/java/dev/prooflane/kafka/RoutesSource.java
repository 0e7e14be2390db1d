package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest routes from where they come, on a daemon thread: the daemon ({@link
 * RoutesWatcher}) or a cluster's Sandbox resources ({@link SandboxWatcher}). Holds what both share:
 * the routes last received, the wait for the first, and the outage warnings (when an outage starts
 * and every {@code warnEvery} while it lasts; the last routes stay in force meanwhile).
 */
abstract sealed class RoutesSource implements AutoCloseable permits RoutesWatcher, SandboxWatcher {
  /** The delays between failed calls; used by the thread only. */
  final Backoff backoff;

  /** The subclass's logger, so that each source logs under its own name. */
  private final Logger log = LoggerFactory.getLogger(getClass());

  private final LogThrottle outageWarnings;
  private final CountDownLatch first = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread thread;
  private volatile Routes current;
  private volatile String problem = "no answer yet";
  private boolean failing;

  RoutesSource(String threadName, Backoff backoff, Duration warnEvery) {
    this.backoff = requireNonNull(backoff, "backoff");
    this.outageWarnings = new LogThrottle(warnEvery);
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
  }

  /** The thread's work, until {@link #isClosed}. */
  abstract void run();

  /** Where the routes are read, for messages. */
  abstract String url();

  /** Starts the thread. */
  final void start() {
    thread.start();
  }

  /** The latest routes, or null until the first arrive. */
  final Routes current() {
    return current;
  }

  /** Waits up to {@code timeout} for the first routes; returns them or null. */
  final Routes awaitFirst(Duration timeout) throws InterruptedException {
    first.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return current;
  }

  /** Why the last failed call failed, for warnings; {@code "no answer yet"} before any failed. */
  final String problem() {
    return problem;
  }

  /** Routes received: they are in force from now on (kept as they are when equal). */
  final void received(Routes routes) {
    if (!routes.equals(current)) {
      current = routes;
      log.debug(
          "Kafka routes version {} from {}: {} sandboxes",
          routes.version(),
          url(),
          routes.sandboxes().size());
    }
    first.countDown();
    recovered();
  }

  /** A call succeeded: an outage, if any, is over and the next failure is warned about at once. */
  final void recovered() {
    if (failing) {
      log.info("Kafka routes from {} are back", url());
    }
    failing = false;
    backoff.reset();
    outageWarnings.reset();
  }

  /** A call failed because of {@code why}; warns when the outage starts and then now and then. */
  final void failed(String why) {
    problem = why;
    failing = true;
    if (outageWarnings.due()) {
      log.warn(
          "Cannot read the Kafka routes from {}: {}; {} (retrying)",
          url(),
          why,
          current == null
              ? "records are held until the first routes arrive"
              : "the routes of version " + current.version() + " stay in force");
    }
  }

  /** Whether {@link #close} was called. */
  final boolean isClosed() {
    return closed.getCount() == 0;
  }

  /** Waits for the next delay of the backoff; true when closed (or interrupted) meanwhile. */
  final boolean pause() {
    try {
      return closed.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      return true;
    }
  }

  /** The first 200 characters of {@code body} on one line, for messages. */
  static String excerpt(String body) {
    String line = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  /** Stops the thread. */
  @Override
  public void close() {
    closed.countDown();
    thread.interrupt();
  }
}
