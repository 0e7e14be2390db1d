package dev.prooflane.model.spec;

import dev.prooflane.model.SpecProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node with its field path, which reports problems at its own line instead of throwing, so a
 * reader collects every problem of a file in one pass.
 */
public final class SpecNode {
  private final SpecFile file;
  private final Node node;
  private final String path;
  private final Node keyNode;

  SpecNode(SpecFile file, Node node, String path) {
    this(file, node, path, null);
  }

  private SpecNode(SpecFile file, Node node, String path, Node keyNode) {
    this.file = file;
    this.node = node;
    this.path = path;
    this.keyNode = keyNode;
  }

  /** The dotted field path, such as {@code services.pricing.port}. */
  public String path() {
    return path;
  }

  /** The 1-based line. */
  public int line() {
    return node.getStartMark().getLine() + 1;
  }

  /**
   * Records a problem located at this node; returns null so callers can {@code return problem()}.
   */
  public <T> T problem(String message) {
    file.problems()
        .add(
            new SpecProblem(
                file.name(), line(), node.getStartMark().getColumn() + 1, path, message));
    return null;
  }

  public boolean isMapping() {
    return node instanceof MappingNode;
  }

  public boolean isSequence() {
    return node instanceof SequenceNode;
  }

  public boolean isScalar() {
    return node instanceof ScalarNode;
  }

  /** Whether this is an explicit YAML null ({@code ~}, {@code null} or empty). */
  public boolean isNull() {
    return node instanceof ScalarNode s && node.getTag().getValue().endsWith(":null");
  }

  /**
   * The entries of a mapping in file order, or empty after reporting a problem when not a mapping.
   */
  public Map<String, SpecNode> entries() {
    Map<String, SpecNode> out = new LinkedHashMap<>();
    if (!(node instanceof MappingNode mapping)) {
      if (!isNull()) {
        problem("expected a mapping (key: value lines), got " + kind());
      }
      return out;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      String childPath = path;
      if (!(keyNode instanceof ScalarNode key)) {
        new SpecNode(file, keyNode, path).problem("expected a plain key, got " + kindOf(keyNode));
        continue;
      }
      childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
      SpecNode child = new SpecNode(file, tuple.getValueNode(), childPath, keyNode);
      if (out.containsKey(key.getValue())) {
        new SpecNode(file, keyNode, childPath).problem("duplicate key (remove one of them)");
        continue;
      }
      out.put(key.getValue(), child);
    }
    return out;
  }

  /** Reports each key not in {@code known}, with the known keys as the fix. */
  public void rejectUnknown(Map<String, SpecNode> entries, Set<String> known) {
    for (Map.Entry<String, SpecNode> e : entries.entrySet()) {
      if (!known.contains(e.getKey())) {
        String hint = closest(e.getKey(), known).map(k -> "did you mean '" + k + "'? ").orElse("");
        SpecNode child = e.getValue();
        SpecNode at = child.keyNode == null ? child : new SpecNode(file, child.keyNode, child.path);
        at.problem(
            "unknown field ("
                + hint
                + "known fields: "
                + String.join(", ", new java.util.TreeSet<>(known))
                + ")");
      }
    }
  }

  /** The items of a sequence, or empty after reporting a problem when not a sequence. */
  public List<SpecNode> items() {
    List<SpecNode> out = new ArrayList<>();
    if (!(node instanceof SequenceNode seq)) {
      if (!isNull()) {
        problem("expected a list, got " + kind());
      }
      return out;
    }
    int i = 0;
    for (Node item : seq.getValue()) {
      out.add(new SpecNode(file, item, path + "[" + i++ + "]"));
    }
    return out;
  }

  /** The field's position as {@code file:line}, for messages raised after reading. */
  public String location() {
    return file.name() + ":" + line();
  }

  /**
   * The scalar as a typed value by its YAML tag: {@code Long} for ints, {@code Double} for floats,
   * {@code Boolean}, {@code null}, else the text.
   */
  public Object scalar() {
    if (!(node instanceof ScalarNode scalar)) {
      return problem("expected a single value, got " + kind());
    }
    String tag = node.getTag().getValue();
    String text = scalar.getValue();
    try {
      if (tag.endsWith(":null")) {
        return null;
      }
      if (tag.endsWith(":bool")) {
        return Boolean.parseBoolean(text.toLowerCase(java.util.Locale.ROOT));
      }
      if (tag.endsWith(":int")) {
        return Long.parseLong(text.replace("_", ""));
      }
      if (tag.endsWith(":float")) {
        return Double.parseDouble(text.replace("_", ""));
      }
    } catch (NumberFormatException e) {
      return text;
    }
    return text;
  }

  /** The scalar text, or null after reporting a problem. */
  public String text() {
    if (node instanceof ScalarNode scalar && !isNull()) {
      return scalar.getValue();
    }
    return problem("expected a text value, got " + kind());
  }

  /** A scalar as an int in {@code [min, max]}, or null after reporting a problem. */
  public Integer integer(int min, int max) {
    String text = text();
    if (text == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min || value > max) {
        return problem(value + " is out of range (expected: " + min + " to " + max + ")");
      }
      return value;
    } catch (NumberFormatException e) {
      return problem("'" + text + "' is not a whole number (expected: " + min + " to " + max + ")");
    }
  }

  /**
   * A command: either a list of strings or one string split on white space (quotes group words).
   */
  public List<String> command() {
    if (isSequence()) {
      List<String> out = new ArrayList<>();
      for (SpecNode item : items()) {
        String t = item.text();
        if (t != null) {
          out.add(t);
        }
      }
      if (out.isEmpty()) {
        return problem("empty command (expected: a program and its arguments)");
      }
      return out;
    }
    String text = text();
    if (text == null) {
      return null;
    }
    try {
      List<String> words = CommandLine.split(text);
      return words.isEmpty()
          ? problem("empty command (expected: a program and its arguments)")
          : words;
    } catch (IllegalArgumentException e) {
      return problem(e.getMessage());
    }
  }

  /** A mapping of text to text (such as env), or an empty map after reporting problems. */
  public Map<String, String> stringMap() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, SpecNode> e : entries().entrySet()) {
      String value = e.getValue().isNull() ? "" : e.getValue().text();
      if (value != null) {
        out.put(e.getKey(), value);
      }
    }
    return out;
  }

  /** A duration (such as {@code 30s}) that must be more than zero. */
  public Optional<java.time.Duration> positiveDuration() {
    Optional<java.time.Duration> d = parse(dev.prooflane.model.Durations::parse);
    if (d.isPresent() && (d.get().isZero() || d.get().isNegative())) {
      problem(text() + " (expected: more than 0, such as 30s)");
      return Optional.empty();
    }
    return d;
  }

  /** The text as a path resolved against {@code base}, or null after reporting a problem. */
  public java.nio.file.Path resolvedPath(java.nio.file.Path base) {
    String text = text();
    if (text == null) {
      return null;
    }
    if (text.isBlank()) {
      return problem("empty path (give a folder, relative to this file)");
    }
    try {
      return base.resolve(text).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      return problem("'" + text + "' is not a valid path: " + e.getReason());
    }
  }

  /** Runs {@code parse} on the text, reporting its IllegalArgumentException message here. */
  public <T> Optional<T> parse(java.util.function.Function<String, T> parse) {
    String text = text();
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(text));
    } catch (IllegalArgumentException e) {
      problem(e.getMessage());
      return Optional.empty();
    }
  }

  private String kind() {
    return kindOf(node);
  }

  private static String kindOf(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "'" + ((ScalarNode) node).getValue() + "'";
  }

  private static Optional<String> closest(String key, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : known) {
      int d =
          distance(key.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
