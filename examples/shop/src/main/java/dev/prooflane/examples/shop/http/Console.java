package dev.prooflane.examples.shop.http;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;

/**
 * Where a service writes: request log lines to {@code out}, errors to {@code err}.
 *
 * @param out the request log (standard output in a real process)
 * @param err errors (standard error in a real process)
 */
public record Console(PrintStream out, PrintStream err) {
  public Console {
    requireNonNull(out, "out");
    requireNonNull(err, "err");
  }

  /** The process's standard output and standard error. */
  public static Console system() {
    return new Console(System.out, System.err);
  }
}
