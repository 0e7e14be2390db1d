package dev.prooflane.model.spec;

import dev.prooflane.model.BranchRequest;
import dev.prooflane.model.Fork;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.SandboxSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a sandbox file: {@code name}, optional {@code routingKey}, {@code ttl}, {@code labels} and
 * {@code forks} (each {@code service}, optional {@code command}, {@code args}, {@code env}, {@code
 * envRemove}, {@code artifact}) and {@code databases} (the branches its forks see, see {@link
 * BranchRequestReader}).
 */
public final class SandboxSpecReader {
  private static final Set<String> TOP =
      Set.of("name", "routingKey", "ttl", "labels", "forks", "databases");
  private static final Set<String> FORK =
      Set.of("service", "command", "args", "env", "envRemove", "artifact");

  /** At most this many labels per sandbox. */
  static final int MAX_LABELS = 64;

  /** A label name is 1 to this many characters, as a Kubernetes label name. */
  static final int MAX_LABEL_NAME = 63;

  /** A label value is at most this many characters. */
  static final int MAX_LABEL_VALUE = 256;

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
    Map<String, String> labels = top.containsKey("labels") ? labels(top.get("labels")) : Map.of();
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
    Map<String, BranchRequest> databases =
        top.containsKey("databases") && !top.get("databases").isNull()
            ? BranchRequestReader.read(top.get("databases"))
            : Map.of();
    file.throwIfProblems();
    return new SandboxSpec(name, key, ttl, labels, forks, databases);
  }

  /**
   * The labels, bounded in number and size, since every sandbox record, listing and API answer
   * carries them; each problem names the field and the limit.
   */
  private static Map<String, String> labels(SpecNode node) {
    Map<String, SpecNode> entries = node.entries();
    if (entries.size() > MAX_LABELS) {
      node.problem(
          entries.size() + " labels (expected: at most " + MAX_LABELS + "; drop some labels)");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, SpecNode> entry : entries.entrySet()) {
      String name = entry.getKey();
      SpecNode value = entry.getValue();
      if (name.isEmpty() || name.length() > MAX_LABEL_NAME) {
        node.problem(
            "label name '"
                + shortened(name)
                + "' has "
                + name.length()
                + " characters (expected: 1 to "
                + MAX_LABEL_NAME
                + ")");
        continue;
      }
      String text = value.isNull() ? "" : value.text();
      if (text != null && text.length() > MAX_LABEL_VALUE) {
        value.problem(
            text.length()
                + " characters (expected: a label value of at most "
                + MAX_LABEL_VALUE
                + " characters)");
      } else if (text != null) {
        labels.put(name, text);
      }
    }
    return labels;
  }

  private static String shortened(String text) {
    return text.length() > MAX_LABEL_NAME ? text.substring(0, MAX_LABEL_NAME) + "..." : text;
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
