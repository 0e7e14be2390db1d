package dev.prooflane.local.process;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start one supervised process.
 *
 * @param id a stable name for the instance, such as {@code baseline/pricing} or {@code
 *     pr-42/pricing}; used in thread names, messages and the process registry
 * @param command the program and its arguments, not interpreted by a shell
 * @param workdir the working directory; must exist
 * @param env variables ADDED to (or overriding) the daemon's own environment; the child inherits
 *     every other variable of the daemon; no {@code null} keys or values; a variable the daemon has
 *     cannot be removed
 * @param logFile where stdout and stderr are appended, one prefixed line each; parent directories
 *     are created
 */
public record ProcessSpec(
    String id, List<String> command, Path workdir, Map<String, String> env, Path logFile) {
  public ProcessSpec {
    requireNonNull(id, "id");
    requireNonNull(workdir, "workdir");
    requireNonNull(logFile, "logFile");
    command = List.copyOf(command);
    env = Map.copyOf(env);
    if (id.isBlank()) {
      throw new IllegalArgumentException("id: blank (expected: a name like baseline/pricing)");
    }
    if (command.isEmpty()) {
      throw new IllegalArgumentException(
          "command: empty (expected: a program and its arguments) for " + id);
    }
  }
}
