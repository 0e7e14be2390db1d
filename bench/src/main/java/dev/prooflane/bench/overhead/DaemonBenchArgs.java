package dev.prooflane.bench.overhead;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The arguments bench/*.sh give a benchmark that starts a daemon: {@code CLASSES WORK_DIR CLI_JAR
 * ARCHIVE}.
 *
 * @param classes the folder of the benchmark classes (for the service the daemon runs)
 * @param work the run's scratch folder
 * @param cliJar {@code prooflane-cli.jar}
 * @param archive the start-up archive the launcher maps for {@code up}, when the build made one
 */
public record DaemonBenchArgs(Path classes, Path work, Path cliJar, Optional<Path> archive) {
  /** The arguments of {@code args}, each made absolute. */
  public static DaemonBenchArgs of(String[] args) {
    if (args.length != 4) {
      throw new IllegalArgumentException(
          "arguments: " + args.length + " (expected: CLASSES WORK_DIR CLI_JAR ARCHIVE)");
    }
    return new DaemonBenchArgs(
        Path.of(args[0]).toAbsolutePath(),
        Path.of(args[1]).toAbsolutePath(),
        Path.of(args[2]).toAbsolutePath(),
        Optional.of(Path.of(args[3]).toAbsolutePath()).filter(Files::isRegularFile));
  }
}
