package dev.prooflane.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The policy file the daemon's runs go by (docs/policy.md). */
final class PolicyMixin {
  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "Policy file (docs/policy.md): enabled actions, allowed skills, write guard, limits,"
              + " redaction; read again when it changes (default: the built-in safe policy).")
  Path file;

  Optional<Path> file() {
    return Optional.ofNullable(file).map(f -> f.toAbsolutePath().normalize());
  }

  /** The option as a background daemon's command line repeats it. */
  List<String> args() {
    return file().map(f -> List.of("--policy", f.toString())).orElse(List.of());
  }
}
