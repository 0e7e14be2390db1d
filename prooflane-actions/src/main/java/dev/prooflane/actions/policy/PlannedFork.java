package dev.prooflane.actions.policy;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.Fork;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A fork of a sandbox being created, as it would run: what {@link ForkRules} judge.
 *
 * @param index its place in the sandbox's {@code forks}, for messages such as {@code
 *     forks[0].command}
 * @param fork the fork as asked for
 * @param command the command it would run, placeholders resolved ({@code ${port}} may stay)
 * @param artifact the fork's own artifact as a real path (see {@link #realPath}); empty when the
 *     fork keeps the service's
 */
public record PlannedFork(int index, Fork fork, List<String> command, Optional<Path> artifact) {
  public PlannedFork {
    requireNonNull(fork, "fork");
    command = List.copyOf(command);
    requireNonNull(artifact, "artifact");
  }

  /**
   * {@code path} made absolute and normalized, its symbolic links followed when it exists, so that
   * neither {@code ..} nor a link leads out of an allowed folder unseen.
   */
  public static Path realPath(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    try {
      return absolute.toRealPath();
    } catch (IOException e) {
      Path parent = absolute.getParent();
      return parent == null || parent.equals(absolute)
          ? absolute
          : realPath(parent).resolve(absolute.getFileName());
    }
  }

  /** {@code forks[i]}: where this fork is in the request. */
  String field() {
    return "forks[" + index + "]";
  }
}
