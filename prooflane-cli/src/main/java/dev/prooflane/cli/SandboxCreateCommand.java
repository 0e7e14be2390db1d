package dev.prooflane.cli;

import dev.prooflane.model.BranchMode;
import dev.prooflane.model.spec.SandboxSpecReader;
import dev.prooflane.server.json.BranchJson;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.SandboxRequest;
import dev.prooflane.server.json.SandboxView;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Creates a sandbox that forks some services with a change. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create a sandbox: start only the forked services with the change, then route the key to them.",
      "Example: prooflane sandbox create pr-42 --fork 'pricing=java -cp $${artifact} ...PricingDiscountMain' --ttl 30m"
    })
final class SandboxCreateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin StateMixin state;
  @Mixin JsonMixin output;
  @Mixin ForkMixin forks;

  @Parameters(
      paramLabel = "NAME",
      arity = "0..1",
      description = "Sandbox name (lowercase letters, digits, '-').")
  String name;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description =
          "Read the sandbox from a YAML/JSON file (see docs/sandboxes.md) instead of options.")
  Path file;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      description = "Delete the sandbox after this long (such as 30m, 2h).")
  String ttl;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description = "Routing key to use (default: a generated one).")
  String key;

  @Option(names = "--label", paramLabel = "NAME=VALUE", description = "A label.")
  List<String> labels = new ArrayList<>();

  @Option(
      names = "--branch",
      paramLabel = "DATABASE[=MODE]",
      description =
          "Give the forks a branch of this database of the environment: copy (default), schema"
              + " or empty (see docs/databases.md).")
  List<String> branches = new ArrayList<>();

  @Option(
      names = "--migrate",
      paramLabel = "DATABASE=FILE",
      description = "Run this SQL file on the database's branch before the forks start.")
  List<String> migrations = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (file != null
        && (name != null
            || key != null
            || ttl != null
            || !labels.isEmpty()
            || !branches.isEmpty()
            || !migrations.isEmpty()
            || !forks.forks.isEmpty())) {
      throw new CliException(
          ExitCode.USAGE,
          "give the sandbox either as a file (-f) or as NAME and options, not both");
    }
    SandboxRequest request = file != null ? fromFile(file) : request();
    long started = System.nanoTime();
    SandboxView sandbox =
        state
            .client()
            .createSandbox(
                request,
                line -> {
                  if (!output.json) {
                    out.println(line);
                  }
                });
    long millis = (System.nanoTime() - started) / 1_000_000;
    if (output.json) {
      out.println(Json.pretty(sandbox));
      return ExitCode.OK;
    }
    out.print(SandboxCommand.describe(sandbox));
    out.println("ready in " + millis + " ms. Send the key with any request, for example:");
    out.print(KeyHint.of(state.client().status().keyNames(), sandbox.routingKey()));
    return ExitCode.OK;
  }

  /** The sandbox of a YAML or JSON file, checked here so that problems name the file's lines. */
  private static SandboxRequest fromFile(Path file) throws java.io.IOException {
    return SandboxRequest.of(
        SandboxSpecReader.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
  }

  private SandboxRequest request() {
    if (name == null) {
      throw new CliException(
          ExitCode.USAGE, "missing NAME (or give the sandbox as a file with -f)");
    }
    if (ttl != null) {
      checkTtl(ttl);
    }
    return new SandboxRequest(
        name, key, ttl, labelMap(labels), forks.forks(), branchMap(branches, migrations));
  }

  /**
   * The branches that {@code --branch} and {@code --migrate} ask for, or null for none; a migration
   * file is made absolute here, where it was named.
   */
  static Map<String, BranchJson> branchMap(List<String> branches, List<String> migrations) {
    Map<String, String> modes = new LinkedHashMap<>();
    for (String b : branches) {
      int eq = b.indexOf('=');
      String database = eq < 0 ? b : b.substring(0, eq);
      String mode = eq < 0 ? BranchMode.COPY.yamlName() : b.substring(eq + 1);
      if (database.isEmpty() || BranchMode.fromYaml(mode) == null) {
        throw new CliException(
            ExitCode.USAGE,
            "--branch " + b + ": expected DATABASE or DATABASE=MODE (MODE: copy, schema or empty)");
      }
      modes.put(database, mode);
    }
    Map<String, List<String>> files = new LinkedHashMap<>();
    for (String m : migrations) {
      int eq = m.indexOf('=');
      if (eq <= 0 || eq == m.length() - 1) {
        throw new CliException(ExitCode.USAGE, "--migrate " + m + ": expected DATABASE=FILE");
      }
      String database = m.substring(0, eq);
      if (!modes.containsKey(database)) {
        throw new CliException(
            ExitCode.USAGE,
            "--migrate "
                + m
                + ": the sandbox has no branch of "
                + database
                + " (add --branch "
                + database
                + ")");
      }
      files
          .computeIfAbsent(database, d -> new ArrayList<>())
          .add(Path.of(m.substring(eq + 1)).toAbsolutePath().normalize().toString());
    }
    if (modes.isEmpty()) {
      return null;
    }
    Map<String, BranchJson> out = new LinkedHashMap<>();
    modes.forEach((database, mode) -> out.put(database, new BranchJson(mode, files.get(database))));
    return out;
  }

  /** Refuses a TTL the daemon would refuse, with the option's name. */
  static void checkTtl(String ttl) {
    try {
      if (dev.prooflane.model.Durations.parse(ttl).isZero()) {
        throw new CliException(ExitCode.USAGE, "--ttl " + ttl + ": must be more than 0");
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.USAGE, "--ttl " + e.getMessage());
    }
  }

  static Map<String, String> labelMap(List<String> labels) {
    Map<String, String> labelMap = new LinkedHashMap<>();
    for (String l : labels) {
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw new CliException(ExitCode.USAGE, "--label " + l + ": expected NAME=VALUE");
      }
      labelMap.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return labelMap;
  }
}
