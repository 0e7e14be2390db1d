package dev.prooflane.bench.kafka;

import dev.prooflane.bench.Series;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.ForkRequest;
import dev.prooflane.server.json.SandboxRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Measures the time from a route change to its effect on a baseline consumer with the interceptor:
 * while {@link KeyedPacer} publishes a keyed record and an unkeyed marker every millisecond, a
 * sandbox with that key, forking the consumer's service, is created (until then the baseline
 * consumes the key) and deleted again (the baseline consumes it again). The effect is the first
 * poll of the {@link BaselineWatch} that skipped, then again delivered, a keyed record; each change
 * has its own key.
 */
final class RouteChanges {
  private static final long WAIT_SECONDS = 60;

  /** The figures, in milliseconds, of the measured changes. */
  record Figures(
      Series createStartToSkip,
      Series createAnswerToSkip,
      Series createStartToAnswer,
      Series createAnswerToSkipFromRoutes,
      Series createCall,
      Series deleteStartToDelivery,
      Series deleteAnswerToDelivery,
      Series deleteStartToAnswer,
      Series deleteAnswerToDeliveryFromRoutes,
      Series deleteCall,
      Series resolution) {
    Figures() {
      this(
          new Series(),
          new Series(),
          new Series(),
          new Series(),
          new Series(),
          new Series(),
          new Series(),
          new Series(),
          new Series(),
          new Series(),
          new Series());
    }
  }

  private RouteChanges() {}

  /**
   * Makes {@code warmup} unmeasured changes, then {@code changes} measured ones, of sandboxes
   * forking {@code service} through {@code client}, observed by {@code watch} (started) on the
   * records of {@code pacer} (started).
   *
   * @throws IllegalStateException when the baseline consumed a keyed record while its sandbox
   *     existed, skipped one while none did, or an effect did not come within a minute
   */
  static Figures measure(
      DaemonClient client,
      String service,
      KeyedPacer pacer,
      BaselineWatch watch,
      RoutesAnswers answers,
      int warmup,
      int changes)
      throws InterruptedException {
    Figures f = new Figures();
    for (int i = 0; i < warmup + changes; i++) {
      String name = "rc-" + i;
      String key = "rc-key-" + i;
      KeyTimeline timeline = watch.timeline(key);
      pacer.key(key);
      await(timeline.delivered(), name + ": the baseline consuming the key before the sandbox");

      long createStart = System.nanoTime();
      client.createSandbox(
          new SandboxRequest(
              name,
              key,
              null,
              null,
              List.of(new ForkRequest(service, null, null, null, null, null))));
      long createEnd = System.nanoTime();
      long skip = await(timeline.skipped(), name + ": the baseline skipping the key");
      long listed = await(answers.appeared(key), name + ": the routes answer listing the key");
      if (skip < createStart) {
        throw new IllegalStateException(name + ": the key was skipped before the sandbox existed");
      }

      long deleteStart = System.nanoTime();
      client.deleteSandbox(name);
      long deleteEnd = System.nanoTime();
      long resumed = await(timeline.resumed(), name + ": the baseline consuming the key again");
      long unlisted = await(answers.gone(key), name + ": the routes answer leaving out the key");
      if (resumed < deleteStart) {
        throw new IllegalStateException(
            name + ": the baseline consumed the key while its sandbox existed");
      }
      pacer.requireRunning();
      watch.requireRunning();
      if (i < warmup) {
        continue;
      }
      f.createStartToSkip().add(ms(skip - createStart));
      f.createAnswerToSkip().add(ms(skip - createEnd));
      f.createStartToAnswer().add(ms(listed - createStart));
      f.createAnswerToSkipFromRoutes().add(ms(skip - listed));
      f.createCall().add(ms(createEnd - createStart));
      f.deleteStartToDelivery().add(ms(resumed - deleteStart));
      f.deleteAnswerToDelivery().add(ms(resumed - deleteEnd));
      f.deleteStartToAnswer().add(ms(unlisted - deleteStart));
      f.deleteAnswerToDeliveryFromRoutes().add(ms(resumed - unlisted));
      f.deleteCall().add(ms(deleteEnd - deleteStart));
      f.resolution().add(ms(skip - timeline.lastDeliveredBeforeSkip()));
    }
    int flaps = 0;
    for (int i = 0; i < warmup + changes; i++) {
      flaps += watch.timeline("rc-key-" + i).skippedAfterResume();
    }
    if (flaps > 0) {
      throw new IllegalStateException(
          flaps + " polls skipped a key after its sandbox was deleted and the key consumed again");
    }
    return f;
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static long await(CompletableFuture<Long> instant, String what)
      throws InterruptedException {
    try {
      return instant.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(what + ": not within " + WAIT_SECONDS + " s", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(what + ": " + e.getCause().getMessage(), e.getCause());
    }
  }
}
