package dev.prooflane.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code prooflane} in this JVM, capturing what it prints through picocli's writers. */
public final class CliRun {
  /** How a command ended: its exit code and what it wrote to stdout and stderr. */
  public record Result(int exitCode, String out, String err) {}

  private CliRun() {}

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }
}
