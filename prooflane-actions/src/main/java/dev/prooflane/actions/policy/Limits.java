package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How much one run may do, and how many runs may go on at once.
 *
 * @param stepsPerRun steps executed in one run, nested steps included
 * @param requestsPerRun HTTP requests sent in one run
 * @param bytesPerResponse bytes of a response body kept; the rest is cut ({@code truncated})
 * @param runDuration the longest a run may take; later steps end with ERROR
 * @param stepTimeout the longest a step may take; a step asking for more is refused
 * @param concurrentRuns runs going on at once in the daemon
 */
public record Limits(
    int stepsPerRun,
    int requestsPerRun,
    int bytesPerResponse,
    Duration runDuration,
    Duration stepTimeout,
    int concurrentRuns) {
  /** 100 steps, 200 requests, 1 MiB per response, 10 minutes, 30 s per step, 16 runs at once. */
  public static final Limits DEFAULT =
      new Limits(100, 200, 1 << 20, Duration.ofMinutes(10), Duration.ofSeconds(30), 16);

  public Limits {
    requireNonNull(runDuration, "runDuration");
    requireNonNull(stepTimeout, "stepTimeout");
    positive("stepsPerRun", stepsPerRun);
    positive("requestsPerRun", requestsPerRun);
    positive("bytesPerResponse", bytesPerResponse);
    positive("concurrentRuns", concurrentRuns);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }
}
