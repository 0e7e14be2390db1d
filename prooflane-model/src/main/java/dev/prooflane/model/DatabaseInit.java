package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a baseline database is initialised when the daemon creates it: SQL files run in order, or a
 * command (such as the service's own migration tool) that gets the database's URL in its
 * environment.
 */
public sealed interface DatabaseInit {
  /** No initialisation: the database is created empty. */
  DatabaseInit NONE = new SqlFiles(List.of());

  /**
   * SQL files run in order, each in one transaction.
   *
   * @param files absolute paths (resolved against the environment file's folder)
   */
  record SqlFiles(List<Path> files) implements DatabaseInit {
    public SqlFiles {
      files = List.copyOf(files);
    }
  }

  /**
   * A command run once in the environment file's folder, with the database's URL in {@code env}
   * (phase 2 names the variables).
   *
   * @param command the program and its arguments, split as a service's {@code command} is
   * @param env variables added to the daemon's environment for the command
   */
  record InitCommand(List<String> command, Map<String, String> env) implements DatabaseInit {
    public InitCommand {
      command = List.copyOf(command);
      env = Map.copyOf(requireNonNull(env, "env"));
      if (command.isEmpty()) {
        throw new IllegalArgumentException(
            "command: empty (expected: a program and its arguments)");
      }
    }
  }
}
