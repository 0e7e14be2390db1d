package dev.prooflane.local;

import dev.prooflane.model.BranchRequest;
import dev.prooflane.model.DatabaseSection;
import dev.prooflane.model.Durations;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Propagation;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a sandbox spec against its environment: the forked services exist, the TTL fits, a fork of
 * a service with an agent leaves the agent's variables alone, the branched databases exist and
 * their migration files too.
 */
final class SpecChecks {
  private SpecChecks() {}

  /**
   * Refuses {@code spec} when it forks a service {@code env} lacks, asks for a TTL over its {@code
   * maxTtl}, or sets in a fork's {@code env} an {@code OTEL_*} variable that the service's {@code
   * propagation} sets.
   *
   * @throws SpecException with every problem, each naming its field
   */
  static void against(Environment env, SandboxSpec spec) {
    List<SpecProblem> problems = new ArrayList<>();
    for (int i = 0; i < spec.forks().size(); i++) {
      String service = spec.forks().get(i).service();
      if (!env.services().containsKey(service)) {
        problems.add(
            new SpecProblem(
                "<sandbox " + spec.name() + ">",
                0,
                0,
                "forks[" + i + "].service",
                "no service '"
                    + service
                    + "' in environment '"
                    + env.name()
                    + "' (known: "
                    + String.join(", ", env.services().keySet())
                    + ")"));
      } else {
        agentVariables(env, spec, i, problems);
      }
    }
    if (spec.ttl().isPresent()
        && env.maxTtl().isPresent()
        && spec.ttl().get().compareTo(env.maxTtl().get()) > 0) {
      problems.add(
          new SpecProblem(
              "<sandbox " + spec.name() + ">",
              0,
              0,
              "ttl",
              Durations.format(spec.ttl().get())
                  + " is longer than the environment's maxTtl "
                  + Durations.format(env.maxTtl().get())
                  + " (ask for less)"));
    }
    databases(env, spec, problems);
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
  }

  /**
   * Each database the sandbox branches is one of the environment's, and each migration file exists.
   */
  private static void databases(Environment env, SandboxSpec spec, List<SpecProblem> problems) {
    Set<String> known =
        env.databases().stream().map(DatabaseSection::name).collect(Collectors.toSet());
    for (Map.Entry<String, BranchRequest> e : spec.databases().entrySet()) {
      String field = "databases." + e.getKey();
      if (!known.contains(e.getKey())) {
        problems.add(
            problem(
                spec,
                field,
                "no database '"
                    + e.getKey()
                    + "' in environment '"
                    + env.name()
                    + "' (known: "
                    + (known.isEmpty()
                        ? "none: its file has no databases: section; see docs/databases.md"
                        : String.join(", ", new TreeSet<>(known)))
                    + ")"));
        continue;
      }
      List<String> files = e.getValue().migrateFiles();
      for (int i = 0; i < files.size(); i++) {
        Path file = env.baseDir().resolve(files.get(i)).normalize();
        if (!Files.isRegularFile(file)) {
          problems.add(
              problem(
                  spec,
                  field + ".migrate[" + i + "]",
                  "SQL file "
                      + file
                      + " not found (paths are relative to the environment file's folder, "
                      + env.baseDir()
                      + ")"));
        }
      }
    }
  }

  /** The error of a sandbox that asks for branches where there is no database server. */
  static SpecException noDatabases(SandboxSpec spec) {
    return new SpecException(
        List.of(
            problem(
                spec,
                "databases",
                "the environment has no database server (add postgres: and databases: to its"
                    + " file; see docs/databases.md)")));
  }

  private static SpecProblem problem(SandboxSpec spec, String field, String message) {
    return new SpecProblem("<sandbox " + spec.name() + ">", 0, 0, field, message);
  }

  private static void agentVariables(
      Environment env, SandboxSpec spec, int i, List<SpecProblem> problems) {
    Propagation mode = env.service(spec.forks().get(i).service()).propagation();
    if (!mode.attachesAgent()) {
      return;
    }
    for (String name : spec.forks().get(i).env().keySet()) {
      if (Propagation.AGENT_VARIABLES.contains(name)) {
        problems.add(
            new SpecProblem(
                "<sandbox " + spec.name() + ">",
                0,
                0,
                "forks[" + i + "].env." + name,
                "set by the service's propagation: "
                    + mode.yamlName()
                    + " (expected: not set in a fork; see docs/propagation.md)"));
      }
    }
  }
}
