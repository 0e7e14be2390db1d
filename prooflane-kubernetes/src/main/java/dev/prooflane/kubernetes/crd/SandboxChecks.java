package dev.prooflane.kubernetes.crd;

import dev.prooflane.model.Durations;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates a {@link Sandbox}, naming every field that is wrong and what is expected. */
public final class SandboxChecks {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private SandboxChecks() {}

  /**
   * Every problem with {@code sandbox}, located in {@code file} (a file name, or a label such as
   * {@code shop/pr-42}); empty when it is valid.
   */
  public static List<SpecProblem> problems(Sandbox sandbox, String file) {
    List<SpecProblem> out = new ArrayList<>();
    String name = sandbox.getMetadata() == null ? null : sandbox.getMetadata().getName();
    if (name == null || !DNS_LABEL.matcher(name).matches()) {
      out.add(
          problem(
              file,
              "metadata.name",
              quote(name)
                  + " (expected: 1 to 63 characters of a-z 0-9 -, starting and ending"
                  + " alphanumeric)"));
    }
    SandboxSpec spec = sandbox.getSpec();
    if (spec == null) {
      out.add(problem(file, "spec", "missing (expected: routing, ttl and forks)"));
      return out;
    }
    if (spec.getRoutingKey() != null && !RoutingKey.isValid(spec.getRoutingKey())) {
      out.add(
          problem(
              file,
              "spec.routingKey",
              quote(spec.getRoutingKey())
                  + " (expected: 1 to 64 characters of A-Z a-z 0-9 . _ -, or leave it out to have"
                  + " one generated)"));
    }
    if (spec.getTtl() != null) {
      try {
        if (Durations.parse(spec.getTtl()).isZero()) {
          out.add(problem(file, "spec.ttl", spec.getTtl() + " (expected: > 0)"));
        }
      } catch (IllegalArgumentException e) {
        out.add(
            problem(
                file, "spec.ttl", quote(spec.getTtl()) + " (expected: such as 30m, 2h, 1h30m)"));
      }
    }
    if (spec.getForks().isEmpty()) {
      out.add(problem(file, "spec.forks", "empty (expected: at least one fork)"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < spec.getForks().size(); i++) {
      checkFork(spec.getForks().get(i), "spec.forks[" + i + "]", file, seen, out);
    }
    return out;
  }

  /**
   * Throws when {@code sandbox} is invalid.
   *
   * @throws SpecException listing every problem
   */
  public static void check(Sandbox sandbox, String file) {
    List<SpecProblem> problems = problems(sandbox, file);
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
  }

  private static void checkFork(
      ForkSpec fork, String at, String file, Set<String> seen, List<SpecProblem> out) {
    if (fork == null || fork.getOf() == null) {
      out.add(problem(file, at + ".of", "missing (expected: {kind: Deployment, name: <name>})"));
      return;
    }
    WorkloadRef of = fork.getOf();
    if (!"Deployment".equals(of.getKind())) {
      out.add(problem(file, at + ".of.kind", of.getKind() + " (expected: Deployment)"));
    }
    if (of.getName() == null || !DNS_SUBDOMAIN.matcher(of.getName()).matches()) {
      out.add(
          problem(file, at + ".of.name", quote(of.getName()) + " (expected: a Deployment's name)"));
    } else if (!seen.add(of.getName())) {
      out.add(
          problem(
              file,
              at + ".of.name",
              of.getName() + " is forked twice (expected: one fork per Deployment)"));
    }
    Customizations c = fork.getCustomizations();
    for (int j = 0; j < c.getImages().size(); j++) {
      ImageOverride image = c.getImages().get(j);
      String where = at + ".customizations.images[" + j + "]";
      if (image == null || blank(image.getContainer())) {
        out.add(problem(file, where + ".container", "missing (expected: a container's name)"));
      }
      if (image == null || blank(image.getImage())) {
        out.add(problem(file, where + ".image", "missing (expected: an image reference)"));
      }
    }
    for (int j = 0; j < c.getEnv().size(); j++) {
      EnvChange env = c.getEnv().get(j);
      String where = at + ".customizations.env[" + j + "]";
      if (env == null || blank(env.getName())) {
        out.add(problem(file, where + ".name", "missing (expected: a variable name)"));
      } else if (env.operationOrDefault() == EnvOperation.UPSERT && env.getValue() == null) {
        out.add(
            problem(file, where + ".value", "missing (expected: a value, or operation: delete)"));
      }
    }
    for (int j = 0; j < c.getArgs().size(); j++) {
      ArgsOverride args = c.getArgs().get(j);
      if (args == null || blank(args.getContainer())) {
        out.add(
            problem(
                file,
                at + ".customizations.args[" + j + "].container",
                "missing (expected: a container's name)"));
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String quote(String s) {
    return s == null ? "missing" : "'" + s + "'";
  }

  private static SpecProblem problem(String file, String field, String message) {
    return new SpecProblem(file, 0, 0, field, message);
  }
}
