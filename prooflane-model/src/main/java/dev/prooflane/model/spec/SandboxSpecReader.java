package dev.prooflane.model.spec;

import dev.prooflane.model.Fork;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.SandboxSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a sandbox file: {@code name}, optional {@code routingKey}, {@code ttl}, {@code labels} and
 * {@code forks} (each {@code service}, optional {@code command}, {@code args}, {@code env}, {@code
 * envRemove}, {@code artifact}).
 */
public final class SandboxSpecReader {
  private static final Set<String> TOP = Set.of("name", "routingKey", "ttl", "labels", "forks");
  private static final Set<String> FORK =
      Set.of("service", "command", "args", "env", "envRemove", "artifact");

  private SandboxSpecReader() {}

  /**
   * Validates {@code text}; throws a {@link dev.prooflane.model.SpecException} listing every
   * problem.
   */
  public static SandboxSpec parse(String fileName, String text) {
    SpecFile file = SpecFile.parse(fileName, text);
    SpecNode root = file.root();
    Map<String, SpecNode> top = root.entries();
    root.rejectUnknown(top, TOP);
    String name = null;
    if (!top.containsKey("name")) {
      root.problem("missing field 'name' (a sandbox name such as pr-42)");
    } else {
      name = top.get("name").text();
      if (name != null && !SandboxSpec.isValidName(name)) {
        name =
            top.get("name")
                .problem(
                    "'" + name + "' (expected: lowercase letters, digits and '-', at most 63)");
      }
    }
    Optional<RoutingKey> key =
        top.containsKey("routingKey")
            ? top.get("routingKey").parse(RoutingKey::new)
            : Optional.empty();
    Optional<Duration> ttl =
        top.containsKey("ttl") ? top.get("ttl").positiveDuration() : Optional.empty();
    Map<String, String> labels =
        top.containsKey("labels") ? top.get("labels").stringMap() : Map.of();
    List<Fork> forks = new ArrayList<>();
    if (!top.containsKey("forks")) {
      root.problem("missing field 'forks' (list the services this sandbox forks)");
    } else {
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (SpecNode item : top.get("forks").items()) {
        Fork fork = fork(item);
        if (fork != null && !seen.add(fork.service())) {
          item.problem("service '" + fork.service() + "' is forked twice (fork each service once)");
        } else if (fork != null) {
          forks.add(fork);
        }
      }
      if (seen.isEmpty() && !top.get("forks").isSequence()) {
        top.get("forks").problem("no forks (list the services this sandbox forks)");
      } else if (seen.isEmpty() && top.get("forks").items().isEmpty()) {
        top.get("forks").problem("no forks (list at least one service to fork)");
      }
    }
    file.throwIfProblems();
    return new SandboxSpec(name, key, ttl, labels, forks);
  }

  private static Fork fork(SpecNode node) {
    Map<String, SpecNode> f = node.entries();
    if (!node.isMapping()) {
      return null;
    }
    node.rejectUnknown(f, FORK);
    if (!f.containsKey("service")) {
      return node.problem("missing field 'service' (the baseline service to fork)");
    }
    String service = f.get("service").text();
    if (service != null && service.isBlank()) {
      service = f.get("service").problem("empty (name a service of the environment)");
    }
    Optional<List<String>> command =
        f.containsKey("command")
            ? Optional.ofNullable(f.get("command").command())
            : Optional.empty();
    List<String> args = new ArrayList<>();
    if (f.containsKey("args")) {
      for (SpecNode a : f.get("args").items()) {
        String t = a.text();
        if (t != null) {
          args.add(t);
        }
      }
    }
    Map<String, String> env = f.containsKey("env") ? f.get("env").stringMap() : Map.of();
    List<String> remove = new ArrayList<>();
    if (f.containsKey("envRemove")) {
      for (SpecNode a : f.get("envRemove").items()) {
        String t = a.text();
        if (t != null) {
          remove.add(t);
        }
      }
    }
    Optional<String> artifact =
        f.containsKey("artifact")
            ? Optional.ofNullable(f.get("artifact").text())
            : Optional.empty();
    if (service == null) {
      return null;
    }
    return new Fork(service, command, args, env, remove, artifact);
  }
}
