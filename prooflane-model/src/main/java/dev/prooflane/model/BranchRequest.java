package dev.prooflane.model;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a sandbox asks for one database of the environment: a branch that every fork of the sandbox
 * sees instead of the baseline's database, made with {@code mode}, then migrated.
 *
 * @param mode what the branch starts with
 * @param migrateFiles SQL files run on the branch in order before the forks start, as written
 *     (relative paths are relative to the environment file's folder)
 * @param migrateCommand a command run on the branch instead (the service's own migration tool),
 *     split as a service's command is; empty for none
 * @param migrateEnv variables added for {@code migrateCommand}
 */
public record BranchRequest(
    BranchMode mode,
    List<String> migrateFiles,
    List<String> migrateCommand,
    Map<String, String> migrateEnv) {
  /** A copy of the database with no migration. */
  public static final BranchRequest COPY = new BranchRequest(BranchMode.COPY, List.of());

  public BranchRequest {
    requireNonNull(mode, "mode");
    // records read back from the state folder before a field existed carry null
    migrateFiles = migrateFiles == null ? List.of() : List.copyOf(migrateFiles);
    migrateCommand = migrateCommand == null ? List.of() : List.copyOf(migrateCommand);
    migrateEnv = migrateEnv == null ? Map.of() : Map.copyOf(migrateEnv);
    if (!migrateFiles.isEmpty() && !migrateCommand.isEmpty()) {
      throw new IllegalArgumentException(
          "migrate: SQL files and a command (expected: one of them)");
    }
  }

  /** A branch made with {@code mode}, migrated by the SQL files {@code migrateFiles}. */
  public BranchRequest(BranchMode mode, List<String> migrateFiles) {
    this(mode, migrateFiles, List.of(), Map.of());
  }

  /** The migration, its SQL files resolved against {@code base} (the environment's folder). */
  public DatabaseInit migration(Path base) {
    requireNonNull(base, "base");
    if (!migrateCommand.isEmpty()) {
      return new DatabaseInit.InitCommand(migrateCommand, migrateEnv);
    }
    return new DatabaseInit.SqlFiles(
        migrateFiles.stream().map(f -> base.resolve(f).normalize()).toList());
  }
}
