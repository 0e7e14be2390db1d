package dev.prooflane.model.spec;

import dev.prooflane.model.BranchMode;
import dev.prooflane.model.BranchRequest;
import dev.prooflane.model.DatabaseSection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code databases:} of a sandbox file: per database, {@code mode} ({@code copy} by
 * default, {@code schema}, {@code empty}; or the mode alone as the value) and {@code migrate}, SQL
 * files or a {@code command} with its {@code env}. Whether the environment has the database and the
 * files exist is checked by the runtime, which knows the environment.
 */
final class BranchRequestReader {
  private static final Set<String> FIELDS = Set.of("mode", "migrate");
  private static final Set<String> COMMAND = Set.of("command", "env");
  private static final String MODES =
      Arrays.stream(BranchMode.values())
          .map(BranchMode::yamlName)
          .collect(Collectors.joining(", "));

  private BranchRequestReader() {}

  /** The requests by database; those with problems are left out after being reported. */
  static Map<String, BranchRequest> read(SpecNode node) {
    Map<String, BranchRequest> out = new LinkedHashMap<>();
    for (Map.Entry<String, SpecNode> e : node.entries().entrySet()) {
      BranchRequest request = request(e.getKey(), e.getValue());
      if (request != null) {
        out.put(e.getKey(), request);
      }
    }
    return out;
  }

  private static BranchRequest request(String database, SpecNode node) {
    if (!DatabaseSection.NAME.matcher(database).matches()) {
      return node.problem(
          "database name '"
              + database
              + "' (expected: a database of the environment's databases: section)");
    }
    if (node.isNull()) {
      return BranchRequest.COPY;
    }
    if (node.isScalar()) {
      BranchMode mode = mode(node);
      return mode == null ? null : new BranchRequest(mode, List.of());
    }
    if (!node.isMapping()) {
      node.entries(); // reports what it is instead
      return null;
    }
    Map<String, SpecNode> f = node.entries();
    node.rejectUnknown(f, FIELDS);
    BranchMode mode = f.containsKey("mode") ? mode(f.get("mode")) : BranchMode.COPY;
    if (mode == null) {
      return null;
    }
    if (!f.containsKey("migrate") || f.get("migrate").isNull()) {
      return new BranchRequest(mode, List.of());
    }
    SpecNode migrate = f.get("migrate");
    if (migrate.isMapping()) {
      Map<String, SpecNode> c = migrate.entries();
      migrate.rejectUnknown(c, COMMAND);
      if (!c.containsKey("command")) {
        return migrate.problem(
            "missing field 'command' (the program that migrates the branch, such as: java -jar"
                + " flyway.jar migrate; or give a list of SQL files instead)");
      }
      List<String> command = c.get("command").command();
      Map<String, String> env = c.containsKey("env") ? c.get("env").stringMap() : Map.of();
      return command == null ? null : new BranchRequest(mode, List.of(), command, env);
    }
    List<SpecNode> items = migrate.isSequence() ? migrate.items() : List.of(migrate);
    List<String> files = new ArrayList<>();
    for (SpecNode item : items) {
      String file = item.text();
      if (file == null) {
        return null;
      }
      if (file.isBlank()) {
        return item.problem("empty (name an SQL file, relative to the environment file)");
      }
      files.add(file);
    }
    return new BranchRequest(mode, files);
  }

  private static BranchMode mode(SpecNode node) {
    String name = node.text();
    if (name == null) {
      return null;
    }
    BranchMode mode = BranchMode.fromYaml(name);
    return mode != null ? mode : node.problem("'" + name + "' (expected: one of " + MODES + ")");
  }
}
