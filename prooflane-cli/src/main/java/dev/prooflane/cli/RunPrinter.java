package dev.prooflane.cli;

import dev.prooflane.server.json.RunView;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Prints a finished run and copies its reports. */
final class RunPrinter {
  private RunPrinter() {}

  static void print(RunView run, PrintWriter out) {
    out.println(
        "verdict "
            + verdictOrState(run)
            + " — "
            + run.skill()
            + (run.sandbox() == null ? " on the baseline" : " in sandbox " + run.sandbox()));
    out.println("  " + message(run));
    for (String file : run.reports().values()) {
      out.println("  report: " + file);
    }
  }

  /** The run's verdict once it is done, else its state (RUNNING, FAILED). */
  static String verdictOrState(RunView run) {
    return run.verdict() != null ? run.verdict() : run.state();
  }

  /** Why the run ended as it did, in one line. */
  static String message(RunView run) {
    return String.valueOf(run.message());
  }

  /** Copies the run's report files into {@code dir}; returns the copies' folder. */
  static Path copyReports(RunView run, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String file : run.reports().values()) {
      Path source = Path.of(file);
      if (Files.exists(source)) {
        Files.copy(source, dir.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return dir;
  }
}
