package dev.prooflane.local.process;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.HealthCheck;
import dev.prooflane.model.Protocol;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Waits until a started instance answers its health check, or says clearly why it never will. */
public final class HealthProbe {
  /** Lines of output quoted in a failure message. */
  static final int QUOTED_LINES = 20;

  /**
   * How long a try may go unanswered before the failure message reports it ("no answer within N
   * ms") instead of the status seen before it; also the connect timeout. A try is never cut short
   * at this point: it is left to finish, however slow the instance is.
   */
  static final Duration SLOW_TRY = Duration.ofSeconds(1);

  /**
   * How long a try still in flight at the deadline may take to finish after the probe has given up;
   * only then does the client close the connection.
   */
  static final Duration GRACE = Duration.ofSeconds(10);

  /** The shortest pause between two tries: the pause at first, while an instance starts. */
  static final Duration FIRST_PAUSE = Duration.ofMillis(10);

  /** The pause between two tries is this fraction of the time waited so far (within bounds). */
  static final int PAUSE_DIVISOR = 20;

  private static final String NO_ANSWER_YET = "no answer yet";

  private HealthProbe() {}

  /**
   * Sends {@code GET uri} over HTTP/1.1 until one answers 2xx, for at most {@code check.timeout()}
   * ({@code check.path()} is only quoted in messages: {@code uri} is used as is). The first try
   * goes at once; the pauses between tries follow {@link #pauseAfter}: short while the instance
   * starts, growing to {@code check.interval()}.
   *
   * <p>One try is in flight at a time, and a try is never aborted: an instance that answers slowly
   * (a busy machine) gets its answer read, however long it takes, and is never hung up on while it
   * writes it, so its own log shows no error that the probe caused. Only the timeout ends the wait;
   * a try still in flight then is left to finish on its own, for at most {@link #GRACE} more.
   *
   * @param uri the full health address, such as {@code http://127.0.0.1:41234/health}
   * @throws InstanceFailedException at once when {@code process} exits first (with its exit code),
   *     or when the timeout passes (with the last status or error); both quote the last {@value
   *     #QUOTED_LINES} lines of output and name the log file
   */
  public static void awaitReady(URI uri, HealthCheck check, ManagedProcess process) {
    awaitReady(uri, check, process, answer -> {});
  }

  /**
   * Like {@link #awaitReady(URI, HealthCheck, ManagedProcess)}; {@code answers} hears how each try
   * that did not pass ended ({@code HTTP 404}, {@code connection refused}), as the failure message
   * would quote it.
   */
  public static void awaitReady(
      URI uri, HealthCheck check, ManagedProcess process, Consumer<String> answers) {
    requireNonNull(uri, "uri");
    await(new Http1Get(uri), check, process, answers);
  }

  /**
   * Like {@link #awaitReady(URI, HealthCheck, ManagedProcess, Consumer)} for the instance on {@code
   * 127.0.0.1:port} that speaks {@code protocol}, with the check's own probe: an HTTP GET of its
   * path that must answer 2xx (over HTTP/1.1, or over h2c with prior knowledge when {@code
   * protocol} is HTTP/2), or a gRPC health check ({@code grpc.health.v1.Health/Check}) that must
   * answer {@code SERVING}: {@code NOT_SERVING}, an error status such as {@code UNIMPLEMENTED} or
   * no connection yet are tried again, as a non-2xx status is.
   */
  public static void awaitReady(
      int port,
      Protocol protocol,
      HealthCheck check,
      ManagedProcess process,
      Consumer<String> answers) {
    requireNonNull(protocol, "protocol");
    requireNonNull(check, "check");
    await(HealthTry.of("127.0.0.1", port, protocol, check.probe()), check, process, answers);
  }

  private static void await(
      HealthTry probe, HealthCheck check, ManagedProcess process, Consumer<String> answers) {
    requireNonNull(check, "check");
    requireNonNull(process, "process");
    requireNonNull(answers, "answers");
    long begun = System.nanoTime();
    long deadline = begun + check.timeout().toNanos();
    CompletableFuture<Integer> exit = process.onExit();
    String last = NO_ANSWER_YET;
    while (true) {
      if (exit.isDone()) {
        throw exited(process, probe, check, exit.join(), last);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw timedOut(process, probe, check, last);
      }
      long sent = System.nanoTime();
      CompletableFuture<HealthAnswer> answer = probe.send(Duration.ofNanos(left).plus(GRACE));
      try {
        // Whichever comes first: the answer or the exit, which must not wait for a slow try.
        CompletableFuture.anyOf(answer, exit).get(left, TimeUnit.NANOSECONDS);
        if (exit.isDone()) {
          // The exit is the news, whatever the try says: a try that fails because the process
          // just died (connection refused) must not be reported instead of its exit code.
          continue;
        }
        // completed by the answer, and not exceptionally (then get() would have thrown)
        HealthAnswer said = answer.join();
        if (said.ready()) {
          return;
        }
        last = said.said();
      } catch (ExecutionException e) {
        last = describe(e.getCause());
      } catch (TimeoutException e) {
        // The deadline passed with this try in flight; it is left to finish (never cut off
        // mid-answer). A try cut short by the deadline says nothing new: keep the answer before it.
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        if (last.equals(NO_ANSWER_YET)) {
          last = "no answer within " + waited + " ms";
        } else if (waited >= SLOW_TRY.toMillis()) {
          last = last + ", then no answer within " + waited + " ms";
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InstanceFailedException(
            process.id(),
            Optional.empty(),
            process.logs().file(),
            "interrupted while waiting for " + process.id() + " to answer " + probe.target());
      }
      answers.accept(last);
      long now = System.nanoTime();
      Duration pause = pauseAfter(Duration.ofNanos(now - begun), check.interval());
      pause(exit, Math.min(pause.toNanos(), deadline - now));
    }
  }

  /**
   * The pause after a try that did not answer 2xx, {@code waited} after the first try was sent: a
   * {@value #PAUSE_DIVISOR}th of the time waited so far, at least {@link #FIRST_PAUSE} and at most
   * {@code interval} (which wins when it is shorter). So an instance is noticed healthy within
   * about 5% of its start-up time (10 ms for one that starts in 200 ms), while one that takes a
   * minute is tried every {@code interval}; a try that finds nothing listening costs next to
   * nothing.
   */
  static Duration pauseAfter(Duration waited, Duration interval) {
    Duration pause = waited.dividedBy(PAUSE_DIVISOR);
    if (pause.compareTo(FIRST_PAUSE) < 0) {
      pause = FIRST_PAUSE;
    }
    return pause.compareTo(interval) > 0 ? interval : pause;
  }

  /** Sleeps up to {@code nanos}, waking early when the process exits. */
  private static void pause(CompletableFuture<Integer> exit, long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      exit.get(nanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // Slept the whole pause: try again.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String describe(Throwable failure) {
    Throwable error =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (error instanceof HttpConnectTimeoutException
        || error instanceof io.netty.channel.ConnectTimeoutException) {
      return "no connection within " + SLOW_TRY.toMillis() + " ms";
    }
    if (error instanceof ConnectException) {
      return "connection refused";
    }
    if (error instanceof HttpTimeoutException || error instanceof TimeoutException) {
      return "no answer within the request's timeout";
    }
    if (error instanceof NotHttp2Exception) {
      return error.getMessage();
    }
    if (error instanceof IOException && error.getMessage() != null) {
      return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
    return error.toString();
  }

  private static InstanceFailedException exited(
      ManagedProcess process, HealthTry probe, HealthCheck check, int code, String last) {
    return new InstanceFailedException(
        process.id(),
        Optional.of(code),
        process.logs().file(),
        process.id()
            + " exited with code "
            + code
            + " before "
            + probe.target()
            + " answered "
            + check.probe().passes()
            + " (last: "
            + last
            + "); check its command ("
            + String.join(" ", process.command())
            + ") and the full log at "
            + process.logs().file()
            + lastLines(process));
  }

  private static InstanceFailedException timedOut(
      ManagedProcess process, HealthTry probe, HealthCheck check, String last) {
    return new InstanceFailedException(
        process.id(),
        Optional.empty(),
        process.logs().file(),
        process.id()
            + " did not become ready: "
            + probe.target()
            + " got no "
            + check.probe().passes()
            + " within "
            + check.timeout().toMillis()
            + " ms (last: "
            + last
            + "); "
            + HealthAdvice.of(process.id(), check.probe(), last)
                .orElse(
                    "check that the command listens on the port it is given (${port}) and "
                        + (check.probe() instanceof HealthCheck.GrpcHealth
                            ? "implements grpc.health.v1.Health"
                            : "serves " + check.path()))
            + "; the full log is at "
            + process.logs().file()
            + lastLines(process));
  }

  /**
   * The last lines of {@code process}'s output as a failure quotes them: {@code "; last N lines of
   * output:"} and one indented line each, or that it wrote none.
   */
  public static String lastLines(ManagedProcess process) {
    List<LogLine> lines = process.logs().tail(QUOTED_LINES);
    if (lines.isEmpty()) {
      return "; it wrote no output";
    }
    return "; last "
        + lines.size()
        + " lines of output:\n"
        + lines.stream()
            .map(line -> "  " + line.stream() + " " + line.text())
            .collect(Collectors.joining("\n"));
  }
}
