package dev.prooflane.actions.policy;

import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.SpecProblem;
import dev.prooflane.model.spec.SpecFile;
import dev.prooflane.model.spec.SpecNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads a policy file (docs/policy.md); every problem is reported with file, line and field. */
public final class PolicyReader {
  private static final Set<String> TOP =
      Set.of("actions", "skills", "writes", "http", "limits", "sandboxes", "forks", "redact");
  private static final Set<String> LIMITS =
      Set.of(
          "stepsPerRun",
          "requestsPerRun",
          "bytesPerResponse",
          "runDuration",
          "stepTimeout",
          "concurrentRuns");
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,10})\\s*(B|KiB|MiB)?", Pattern.CASE_INSENSITIVE);

  /**
   * The longest redaction pattern: java.util.regex recurses once per element of a pattern, so a
   * long one overflows the stack when it is matched.
   */
  private static final int MAX_PATTERN = 1000;

  private PolicyReader() {}

  /** Reads {@code file}; {@code actions} are the action names that exist. */
  public static Policy read(Path file, Set<String> actions) {
    try {
      if (Files.size(file) > SpecFile.MAX_CHARS) {
        throw new SpecException(
            new SpecProblem(
                file.toString(), 0, 0, "", "larger than " + SpecFile.MAX_CHARS + " bytes"));
      }
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8), actions);
    } catch (NoSuchFileException e) {
      throw new SpecException(
          new SpecProblem(file.toString(), 0, 0, "", "file not found (give the policy's path)"));
    } catch (IOException e) {
      throw new ProoflaneException("cannot read policy " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses {@code text} as if read from {@code name}. */
  public static Policy parse(String name, String text, Set<String> actions) {
    SpecFile spec = SpecFile.parse(name, text);
    SpecNode root = spec.root();
    Map<String, SpecNode> top = root.entries();
    root.rejectUnknown(top, TOP);
    Optional<Set<String>> enabled = Optional.empty();
    if (top.containsKey("actions")) {
      Map<String, SpecNode> a = top.get("actions").entries();
      top.get("actions").rejectUnknown(a, Set.of("enabled"));
      if (a.containsKey("enabled")) {
        enabled = Optional.of(actionNames(a.get("enabled"), actions));
      }
    }
    Optional<List<SkillRule>> skills = Optional.empty();
    if (top.containsKey("skills")) {
      Map<String, SpecNode> s = top.get("skills").entries();
      top.get("skills").rejectUnknown(s, Set.of("allow"));
      if (s.containsKey("allow")) {
        List<SkillRule> rules = new ArrayList<>();
        for (SpecNode item : s.get("allow").items()) {
          item.parse(SkillRule::parse).ifPresent(rules::add);
        }
        skills = Optional.of(rules);
      }
    }
    WriteGuard writes = top.containsKey("writes") ? writes(top.get("writes")) : WriteGuard.DEFAULT;
    Egress egress = top.containsKey("http") ? EgressReader.read(top.get("http")) : Egress.DEFAULT;
    Limits limits = top.containsKey("limits") ? limits(top.get("limits")) : Limits.DEFAULT;
    SandboxQuota sandboxes =
        top.containsKey("sandboxes") ? sandboxes(top.get("sandboxes")) : SandboxQuota.DEFAULT;
    ForkRules forks =
        top.containsKey("forks") ? ForkRulesReader.read(top.get("forks")) : ForkRules.DEFAULT;
    Redactor redactor = top.containsKey("redact") ? redact(top.get("redact")) : Redactor.DEFAULT;
    spec.throwIfProblems();
    return new Policy(name, enabled, skills, writes, egress, limits, sandboxes, forks, redactor);
  }

  private static Set<String> actionNames(SpecNode node, Set<String> known) {
    Set<String> out = new LinkedHashSet<>();
    for (SpecNode item : node.items()) {
      String a = item.text();
      if (a != null && !known.contains(a)) {
        item.problem(
            "unknown action '" + a + "' (known: " + String.join(", ", new TreeSet<>(known)) + ")");
      } else if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  private static WriteGuard writes(SpecNode node) {
    Map<String, SpecNode> f = node.entries();
    node.rejectUnknown(f, Set.of("forkedOnly", "allow"));
    boolean forkedOnly = f.containsKey("forkedOnly") && bool(f.get("forkedOnly"));
    List<WriteRule> rules = new ArrayList<>();
    if (f.containsKey("allow")) {
      for (SpecNode item : f.get("allow").items()) {
        Map<String, SpecNode> r = item.entries();
        item.rejectUnknown(r, Set.of("service", "methods", "path"));
        String service =
            r.containsKey("service")
                ? r.get("service").text()
                : item.problem("missing field 'service' (a service name, or '*' for any)");
        Set<String> methods = new LinkedHashSet<>();
        if (r.containsKey("methods")) {
          for (SpecNode m : r.get("methods").items()) {
            String method = m.text();
            if (method != null && !WriteGuard.WRITES.contains(method.toUpperCase(Locale.ROOT))) {
              m.problem("'" + method + "' is not a write (expected: POST, PUT, PATCH or DELETE)");
            } else if (method != null) {
              methods.add(method.toUpperCase(Locale.ROOT));
            }
          }
        }
        String path = r.containsKey("path") ? r.get("path").text() : "/**";
        if (path != null && !path.startsWith("/")) {
          path =
              r.get("path")
                  .problem(
                      "'" + path + "' (expected: a path glob starting with /, such as /orders/*)");
        }
        if (service != null && path != null) {
          rules.add(new WriteRule(service, methods, path));
        }
      }
    }
    return new WriteGuard(forkedOnly, rules);
  }

  private static Limits limits(SpecNode node) {
    Map<String, SpecNode> f = node.entries();
    node.rejectUnknown(f, LIMITS);
    Limits d = Limits.DEFAULT;
    return new Limits(
        count(f, "stepsPerRun", d.stepsPerRun(), 100_000),
        count(f, "requestsPerRun", d.requestsPerRun(), 1_000_000),
        f.containsKey("bytesPerResponse")
            ? size(f.get("bytesPerResponse"), d.bytesPerResponse())
            : d.bytesPerResponse(),
        duration(f, "runDuration", d.runDuration()),
        duration(f, "stepTimeout", d.stepTimeout()),
        count(f, "concurrentRuns", d.concurrentRuns(), 1024));
  }

  private static SandboxQuota sandboxes(SpecNode node) {
    Map<String, SpecNode> f = node.entries();
    node.rejectUnknown(f, Set.of("perOwner", "total", "maxTtl", "maxBranches"));
    SandboxQuota d = SandboxQuota.DEFAULT;
    int maxBranches = d.maxBranches();
    if (f.containsKey("maxBranches")) {
      Integer value = f.get("maxBranches").integer(0, 1_000);
      maxBranches = value == null ? maxBranches : value;
    }
    return new SandboxQuota(
        count(f, "perOwner", d.perOwner(), 10_000),
        count(f, "total", d.total(), 10_000),
        f.containsKey("maxTtl") ? f.get("maxTtl").positiveDuration() : d.maxTtl(),
        maxBranches);
  }

  private static int count(Map<String, SpecNode> f, String field, int fallback, int max) {
    if (!f.containsKey(field)) {
      return fallback;
    }
    Integer value = f.get(field).integer(1, max);
    return value == null ? fallback : value;
  }

  private static Duration duration(Map<String, SpecNode> f, String field, Duration fallback) {
    return f.containsKey(field) ? f.get(field).positiveDuration().orElse(fallback) : fallback;
  }

  private static int size(SpecNode node, int fallback) {
    String text = node.text();
    if (text == null) {
      return fallback;
    }
    var m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      node.problem("'" + text + "' (expected: bytes, such as 65536, 512KiB or 1MiB)");
      return fallback;
    }
    long unit =
        m.group(2) == null
            ? 1
            : switch (m.group(2).toLowerCase(Locale.ROOT)) {
              case "kib" -> 1024;
              case "mib" -> 1024 * 1024;
              default -> 1;
            };
    long bytes = Long.parseLong(m.group(1)) * unit;
    if (bytes < 1 || bytes > 64L * 1024 * 1024) {
      node.problem(text + " is out of range (expected: 1 byte to 64MiB)");
      return fallback;
    }
    return (int) bytes;
  }

  private static boolean bool(SpecNode node) {
    Object v = node.scalar();
    if (v instanceof Boolean b) {
      return b;
    }
    node.problem("expected true or false");
    return false;
  }

  private static Redactor redact(SpecNode node) {
    Map<String, SpecNode> f = node.entries();
    node.rejectUnknown(f, Set.of("headers", "patterns"));
    Set<String> headers = new LinkedHashSet<>();
    if (f.containsKey("headers")) {
      for (SpecNode item : f.get("headers").items()) {
        String h = item.text();
        if (h != null && !h.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
          item.problem("'" + h + "' is not a header name (letters, digits and - only)");
        } else if (h != null) {
          headers.add(h);
        }
      }
    }
    List<Pattern> patterns = new ArrayList<>();
    if (f.containsKey("patterns")) {
      for (SpecNode item : f.get("patterns").items()) {
        String p = item.text();
        if (p == null) {
          continue;
        }
        if (p.length() > MAX_PATTERN) {
          item.problem(
              "a pattern of "
                  + p.length()
                  + " characters (expected: at most "
                  + MAX_PATTERN
                  + "; match the secret's shape, not its every form)");
          continue;
        }
        try {
          Pattern compiled = Pattern.compile(p);
          if (compiled.matcher("").matches()) {
            item.problem(
                "'"
                    + p
                    + "' matches empty text (it would redact nothing useful; make it stricter)");
          } else {
            patterns.add(compiled);
          }
        } catch (PatternSyntaxException e) {
          item.problem(
              "invalid regular expression: "
                  + e.getDescription()
                  + " near index "
                  + e.getIndex()
                  + " (fix the pattern; quote it in single quotes)");
        }
      }
    }
    return Redactor.of(headers, patterns);
  }
}
