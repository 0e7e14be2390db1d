package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sandbox's copy of one baseline service, with the change under test applied.
 *
 * @param service the baseline service this forks
 * @param command a replacement command, or empty to keep the baseline's
 * @param args arguments appended to the command
 * @param env environment upserts; a {@code null}-free map (use {@code envRemove} to delete)
 * @param envRemove environment variables to remove from the baseline's env
 * @param artifact a replacement for {@code ${artifact}} in the command, or empty
 */
public record Fork(
    String service,
    Optional<List<String>> command,
    List<String> args,
    Map<String, String> env,
    List<String> envRemove,
    Optional<String> artifact) {
  public Fork {
    requireNonNull(service, "service");
    requireNonNull(command, "command");
    requireNonNull(artifact, "artifact");
    command = command.map(List::copyOf);
    args = List.copyOf(args);
    env = Map.copyOf(env);
    envRemove = List.copyOf(envRemove);
    if (command.isPresent() && command.get().isEmpty()) {
      throw new IllegalArgumentException("command: empty (expected: a program and its arguments)");
    }
  }

  /** A fork that runs the baseline's command unchanged (useful with env or args changes). */
  public static Fork of(String service) {
    return new Fork(service, Optional.empty(), List.of(), Map.of(), List.of(), Optional.empty());
  }
}
