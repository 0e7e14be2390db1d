package dev.prooflane.bench.overhead;

/**
 * The instants (epoch µs, one wall clock shared by the benchmark, the daemon it runs in-process and
 * the fork) of one sandbox creation, and the phases between them in milliseconds.
 *
 * @param request the create request was sent
 * @param forking the progress line "routing key ..., forking ..." arrived: the request is parsed,
 *     authorised, admitted by the policy and the key reserved
 * @param spawned the fork's process ran its first instruction (bash's {@code $EPOCHREALTIME} before
 *     it execs the JVM)
 * @param forkReady the fork, by its own clock, answered its own {@code GET /health}
 * @param healthy the progress line "healthy after ..." arrived: Prooflane's probe got its 2xx
 * @param ready the progress line "READY" arrived: routes swapped, READY record written
 * @param answered the last line, the sandbox, arrived: the creation is audited and answered
 */
record CreateTimeline(
    long request,
    long forking,
    long spawned,
    long forkReady,
    long healthy,
    long ready,
    long answered) {

  /** From the create request to the answer: after it, the key is routable. */
  double total() {
    return ms(answered - request);
  }

  /** The fork's own start-up: from its process starting to its own first health answer. */
  double forkStartup() {
    return ms(forkReady - spawned);
  }

  /** Everything in {@link #total} that is not the fork's own start-up. */
  double overhead() {
    return total() - forkStartup();
  }

  /** HTTP request, authorisation, policy admission, key reservation. */
  double admission() {
    return ms(forking - request);
  }

  /** STARTING record, port, plan, the process start (and bash's own start, ~1-2 ms). */
  double spawn() {
    return ms(spawned - forking);
  }

  /** From the fork being ready to Prooflane's probe noticing it. */
  double healthLag() {
    return ms(healthy - forkReady);
  }

  /** Route swap and READY record. */
  double swapAndRecord() {
    return ms(ready - healthy);
  }

  /** The audit record (forced to disk), the answer and its way back to the client. */
  double auditAndAnswer() {
    return ms(answered - ready);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }
}
