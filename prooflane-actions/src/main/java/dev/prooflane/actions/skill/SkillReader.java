package dev.prooflane.actions.skill;

import dev.prooflane.actions.expr.ExpressionException;
import dev.prooflane.actions.expr.Template;
import dev.prooflane.model.Durations;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a skill file; the format is in docs/skills.md. Every problem is located. */
public final class SkillReader {
  private static final Set<String> TOP =
      Set.of("name", "version", "description", "whenToUse", "labels", "inputs", "steps", "outputs");
  private static final Set<String> INPUT = Set.of("type", "default", "description");
  private static final Set<String> STEP = Set.of("id", "action", "with", "if", "timeout", "always");
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?");
  private static final Pattern ID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  private SkillReader() {}

  /** Reads the skill at {@code file}; {@code actions} are the action names that exist. */
  public static Skill read(Path file, Set<String> actions) {
    return read(file, file.toString(), actions);
  }

  /**
   * Reads the skill at {@code file}, calling it {@code shownAs} in step locations and problems
   * (such as {@code skills/checkout.yaml:12}, which reports show).
   */
  public static Skill read(Path file, String shownAs, Set<String> actions) {
    byte[] bytes;
    try {
      if (Files.size(file) > SpecFile.MAX_CHARS) {
        throw new SpecException(
            new SpecProblem(
                shownAs, 0, 0, "", "file is larger than " + SpecFile.MAX_CHARS + " bytes"));
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new SpecException(new SpecProblem(shownAs, 0, 0, "", "file not found"));
    } catch (IOException e) {
      throw new ProoflaneException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(file, shownAs, new String(bytes, StandardCharsets.UTF_8), digest(bytes), actions);
  }

  /** Parses {@code text} as if read from {@code file}. */
  public static Skill parse(Path file, String text, String digest, Set<String> actions) {
    return parse(file, file.toString(), text, digest, actions);
  }

  private static Skill parse(
      Path file, String shownAs, String text, String digest, Set<String> actions) {
    SpecFile spec = SpecFile.parse(shownAs, text);
    SpecNode root = spec.root();
    Map<String, SpecNode> top = root.entries();
    root.rejectUnknown(top, TOP);
    String name = required(root, top, "name", "a skill name such as checkout-price");
    if (name != null && !NAME.matcher(name).matches()) {
      name =
          top.get("name").problem("'" + name + "' (expected: lowercase letters, digits and '-')");
    }
    String version = top.containsKey("version") ? String.valueOf(top.get("version").scalar()) : "1";
    String description =
        required(root, top, "description", "what the skill checks, in one sentence");
    String whenToUse = required(root, top, "whenToUse", "when an agent should pick this skill");
    Map<String, String> labels =
        top.containsKey("labels") ? top.get("labels").stringMap() : Map.of();
    List<SkillInput> inputs = top.containsKey("inputs") ? inputs(top.get("inputs")) : List.of();
    List<SkillStep> steps = new ArrayList<>();
    if (!top.containsKey("steps")) {
      root.problem("missing field 'steps' (list the steps the skill runs)");
    } else {
      Set<String> ids = new HashSet<>();
      for (SpecNode item : top.get("steps").items()) {
        SkillStep step = step(item, actions, ids);
        if (step != null) {
          steps.add(step);
        }
      }
      if (steps.isEmpty() && top.get("steps").isSequence()) {
        top.get("steps").problem("no steps (add at least one)");
      }
    }
    Map<String, Template> outputs = new LinkedHashMap<>();
    if (top.containsKey("outputs")) {
      top.get("outputs").entries().forEach((k, v) -> outputs.put(k, Template.read(v)));
    }
    spec.throwIfProblems();
    return new Skill(
        name, version, description, whenToUse, labels, inputs, steps, outputs, file, digest);
  }

  private static String required(
      SpecNode root, Map<String, SpecNode> top, String field, String hint) {
    if (!top.containsKey(field)) {
      return root.problem("missing field '" + field + "' (" + hint + ")");
    }
    return top.get(field).text();
  }

  private static List<SkillInput> inputs(SpecNode node) {
    List<SkillInput> out = new ArrayList<>();
    for (Map.Entry<String, SpecNode> e : node.entries().entrySet()) {
      SpecNode in = e.getValue();
      if (!ID.matcher(e.getKey()).matches()) {
        in.problem(
            "input name '"
                + e.getKey()
                + "' (expected: letters, digits and '_', starting with a letter)");
        continue;
      }
      Map<String, SpecNode> f = in.entries();
      in.rejectUnknown(f, INPUT);
      InputType type = InputType.STRING;
      if (f.containsKey("type")) {
        String t = f.get("type").text();
        type = t == null ? null : InputType.of(t);
        if (type == null) {
          f.get("type")
              .problem("'" + t + "' (expected: string, integer, number, boolean, object or array)");
          continue;
        }
      }
      Optional<Object> defaultValue = Optional.empty();
      if (f.containsKey("default")) {
        Object raw;
        try {
          raw = plainValue(f.get("default"));
        } catch (ExpressionException ex) {
          // the message starts with "location: ", which the problem carries already
          f.get("default")
              .problem(
                  ex.getMessage().substring(ex.location().length() + 2)
                      + " (a default is evaluated when the skill is read, without inputs or steps)");
          continue;
        }
        if (raw != null && raw.getClass().getName().startsWith("dev.cel.")) {
          // CEL answers "unknown" for names it has no value for, such as inputs.y
          f.get("default")
              .problem(
                  "refers to values a default cannot see (inputs, steps): it is evaluated when the"
                      + " skill is read; write a literal");
          continue;
        }
        try {
          defaultValue = Optional.of(type.coerce(raw));
        } catch (IllegalArgumentException ex) {
          f.get("default").problem(ex.getMessage() + " (the default must match the type)");
          continue;
        }
      }
      String description = f.containsKey("description") ? f.get("description").text() : "";
      out.add(
          new SkillInput(e.getKey(), type, defaultValue, description == null ? "" : description));
    }
    return out;
  }

  private static Object plainValue(SpecNode node) {
    Template t = Template.read(node);
    return t == null ? null : t.evaluate(Map.of());
  }

  private static SkillStep step(SpecNode node, Set<String> actions, Set<String> ids) {
    Map<String, SpecNode> f = node.entries();
    if (!node.isMapping()) {
      return null;
    }
    node.rejectUnknown(f, STEP);
    String id =
        f.containsKey("id")
            ? f.get("id").text()
            : node.problem("missing field 'id' (a name for the step)");
    if (id != null && !ID.matcher(id).matches()) {
      id =
          f.get("id")
              .problem("'" + id + "' (expected: letters, digits and '_', starting with a letter)");
    } else if (id != null && !ids.add(id)) {
      id = f.get("id").problem("'" + id + "' is used by an earlier step (step ids are unique)");
    }
    String action =
        f.containsKey("action")
            ? f.get("action").text()
            : node.problem(
                "missing field 'action' (one of: "
                    + String.join(", ", new java.util.TreeSet<>(actions))
                    + ")");
    if (action != null && !actions.contains(action)) {
      action =
          f.get("action")
              .problem(
                  "unknown action '"
                      + action
                      + "' (known: "
                      + String.join(", ", new java.util.TreeSet<>(actions))
                      + ")");
    }
    Template with =
        f.containsKey("with")
            ? Template.read(f.get("with"))
            : Template.literal(Map.of(), node.location());
    Optional<Template> condition = Optional.empty();
    if (f.containsKey("if")) {
      Template t = Template.read(f.get("if"));
      condition = Optional.ofNullable(t);
    }
    Optional<Duration> timeout =
        f.containsKey("timeout") ? f.get("timeout").parse(Durations::parse) : Optional.empty();
    boolean always = false;
    if (f.containsKey("always")) {
      Object value = f.get("always").scalar();
      if (value instanceof Boolean b) {
        always = b;
      } else {
        f.get("always").problem("expected true or false");
      }
    }
    if (id == null || action == null || with == null) {
      return null;
    }
    return new SkillStep(id, action, with, condition, timeout, always, node.location());
  }

  static String digest(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
