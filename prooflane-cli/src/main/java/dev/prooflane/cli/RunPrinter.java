package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Prints a finished run, copies its reports, and maps its verdict to an exit code. */
final class RunPrinter {
  private RunPrinter() {}

  static void print(JsonNode run, PrintStream out) {
    out.println(
        "verdict "
            + run.path("verdict").asText(run.path("state").asText())
            + " — "
            + run.path("skill").asText()
            + (run.path("sandbox").isNull()
                ? " on the baseline"
                : " in sandbox " + run.path("sandbox").asText()));
    out.println("  " + run.path("message").asText());
    for (JsonNode kind : run.path("reports")) {
      out.println("  report: " + kind.asText());
    }
  }

  /** Copies the run's report files into {@code dir}; returns the copies' folder. */
  static Path copyReports(JsonNode run, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (JsonNode file : run.path("reports")) {
      Path source = Path.of(file.asText());
      if (Files.exists(source)) {
        Files.copy(source, dir.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return dir;
  }

  /** 0 for PASS, 1 for FAIL, 3 for INCONCLUSIVE, ERROR or a run that could not run. */
  static int exitCode(JsonNode run) {
    return switch (run.path("verdict").asText("")) {
      case "PASS" -> ExitCode.OK;
      case "FAIL" -> ExitCode.FAILED;
      default -> ExitCode.STATE;
    };
  }
}
