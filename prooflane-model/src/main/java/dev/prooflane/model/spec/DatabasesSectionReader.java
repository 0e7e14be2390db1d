package dev.prooflane.model.spec;

import dev.prooflane.model.DatabaseInit;
import dev.prooflane.model.DatabaseSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code databases:} section of an environment file: each database the baseline uses and
 * its {@code init}, a list of SQL files (relative to the environment file) or a {@code command}
 * with its {@code env}. Each problem is reported at its entry.
 */
final class DatabasesSectionReader {
  private static final Set<String> FIELDS = Set.of("init");
  private static final Set<String> COMMAND = Set.of("command", "env");

  private DatabasesSectionReader() {}

  /** The databases in file order; those with problems are left out after being reported. */
  static List<DatabaseSection> read(SpecNode node, Path base) {
    List<DatabaseSection> out = new ArrayList<>();
    for (Map.Entry<String, SpecNode> e : node.entries().entrySet()) {
      DatabaseSection database = database(e.getKey(), e.getValue(), base);
      if (database != null) {
        out.add(database);
      }
    }
    return out;
  }

  private static DatabaseSection database(String name, SpecNode node, Path base) {
    if (!DatabaseSection.NAME.matcher(name).matches()) {
      return node.problem(
          "database name '" + name + "' (expected: " + DatabaseSection.EXPECTED_NAME + ")");
    }
    if (DatabaseSection.RESERVED.contains(name)) {
      return node.problem(
          "database name '"
              + name
              + "' is one of the server's own (postgres, template0, template1): give the"
              + " baseline's database its own name");
    }
    if (node.isNull()) {
      return new DatabaseSection(name, DatabaseInit.NONE);
    }
    if (!node.isMapping()) {
      node.entries(); // reports what it is instead
      return null;
    }
    Map<String, SpecNode> f = node.entries();
    node.rejectUnknown(f, FIELDS);
    DatabaseInit init = f.containsKey("init") ? init(f.get("init"), base) : DatabaseInit.NONE;
    return init == null ? null : new DatabaseSection(name, init);
  }

  /** The database's init, or null after reporting a problem. */
  private static DatabaseInit init(SpecNode node, Path base) {
    if (node.isNull()) {
      return DatabaseInit.NONE;
    }
    if (node.isMapping()) {
      Map<String, SpecNode> f = node.entries();
      node.rejectUnknown(f, COMMAND);
      if (!f.containsKey("command")) {
        return node.problem(
            "missing field 'command' (the program that initialises the database, such as: java"
                + " -jar flyway.jar migrate; or give a list of SQL files instead)");
      }
      List<String> command = f.get("command").command();
      Map<String, String> env = f.containsKey("env") ? f.get("env").stringMap() : Map.of();
      return command == null ? null : new DatabaseInit.InitCommand(command, env);
    }
    List<SpecNode> items = node.isSequence() ? node.items() : List.of(node);
    List<Path> files = new ArrayList<>();
    boolean ok = true;
    for (SpecNode item : items) {
      Path file = item.resolvedPath(base);
      if (file == null) {
        ok = false;
      } else if (!Files.isRegularFile(file)) {
        item.problem(
            "SQL file "
                + file
                + " not found (create it, or fix the path; it is relative to this file)");
        ok = false;
      } else {
        files.add(file);
      }
    }
    return ok ? new DatabaseInit.SqlFiles(files) : null;
  }
}
