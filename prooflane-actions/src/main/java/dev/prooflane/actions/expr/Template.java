package dev.prooflane.actions.expr;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.prooflane.model.spec.SpecNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value from a skill file in which strings may hold {@code ${{ expression }}}: compiled when the
 * skill is read (so errors are located then), evaluated when a step runs. A string that is exactly
 * one expression evaluates to the expression's typed value; otherwise the expressions are
 * interpolated as text.
 */
public abstract sealed class Template {
  private static final Pattern EXPR = Pattern.compile("\\$\\{\\{(.*?)}}", Pattern.DOTALL);

  /** Where the value stands, as {@code file:line field}. */
  private final String location;

  private Template(String location) {
    this.location = location;
  }

  public String location() {
    return location;
  }

  /**
   * Evaluates against the variables ({@code inputs}, {@code steps}, {@code run}, {@code result}).
   */
  public abstract Object evaluate(Map<String, Object> variables);

  /** The template as written, for reports. */
  public abstract Object source();

  /** A template holding a fixed value. */
  public static Template literal(Object value, String location) {
    return new Literal(value, location);
  }

  /**
   * Reads {@code node} (a scalar, list or mapping) into a template; invalid expressions are
   * reported on the node and yield null.
   */
  public static Template read(SpecNode node) {
    String location = node.location() + " " + node.path();
    if (node.isMapping()) {
      Map<String, Template> entries = new LinkedHashMap<>();
      node.entries().forEach((k, v) -> entries.put(k, read(v)));
      return entries.containsValue(null) ? null : new MapTemplate(entries, location);
    }
    if (node.isSequence()) {
      List<Template> items = new ArrayList<>();
      node.items().forEach(item -> items.add(read(item)));
      return items.contains(null) ? null : new ListTemplate(items, location);
    }
    Object value = node.scalar();
    if (value instanceof String text && text.contains("${{")) {
      try {
        return parse(text, location);
      } catch (IllegalArgumentException e) {
        return node.problem(e.getMessage());
      }
    }
    return new Literal(value, location);
  }

  /**
   * Parses a string with {@code ${{ }}} parts; throws IllegalArgumentException on a bad expression.
   */
  public static Template parse(String text, String location) {
    Matcher m = EXPR.matcher(text);
    List<Object> parts = new ArrayList<>();
    int end = 0;
    while (m.find()) {
      if (m.start() > end) {
        parts.add(text.substring(end, m.start()));
      }
      String source = m.group(1).trim();
      if (source.isEmpty()) {
        throw new IllegalArgumentException(
            "empty expression ${{ }} (write a CEL expression inside)");
      }
      parts.add(new Expr(source, Cel.compile(source), location));
      end = m.end();
    }
    if (end < text.length()) {
      String rest = text.substring(end);
      if (rest.contains("${{")) {
        throw new IllegalArgumentException("unterminated ${{ in '" + text + "' (close it with }})");
      }
      parts.add(rest);
    }
    if (parts.size() == 1 && parts.get(0) instanceof Expr expr) {
      return expr;
    }
    return new Interpolated(parts, text, location);
  }

  private static final class Literal extends Template {
    private final Object value;

    Literal(Object value, String location) {
      super(location);
      this.value = value == null ? dev.cel.common.values.NullValue.NULL_VALUE : value;
    }

    @Override
    public Object evaluate(Map<String, Object> variables) {
      return value;
    }

    @Override
    public Object source() {
      return value;
    }
  }

  static final class Expr extends Template {
    private final String source;
    private final CelRuntime.Program program;

    Expr(String source, CelRuntime.Program program, String location) {
      super(location);
      this.source = source;
      this.program = program;
    }

    @Override
    public Object evaluate(Map<String, Object> variables) {
      try {
        return Cel.eval(program, variables);
      } catch (CelEvaluationException e) {
        String why = e.getMessage().replaceFirst("^evaluation error at <input>:\\d+: ", "");
        throw new ExpressionException(location(), "${{ " + source + " }}: " + why);
      }
    }

    @Override
    public Object source() {
      return "${{ " + source + " }}";
    }
  }

  private static final class Interpolated extends Template {
    private final List<Object> parts;
    private final String text;

    Interpolated(List<Object> parts, String text, String location) {
      super(location);
      this.parts = parts;
      this.text = text;
    }

    @Override
    public Object evaluate(Map<String, Object> variables) {
      StringBuilder out = new StringBuilder();
      for (Object part : parts) {
        out.append(part instanceof Expr e ? Values.text(e.evaluate(variables)) : part);
      }
      return out.toString();
    }

    @Override
    public Object source() {
      return text;
    }
  }

  private static final class MapTemplate extends Template {
    private final Map<String, Template> entries;

    MapTemplate(Map<String, Template> entries, String location) {
      super(location);
      this.entries = entries;
    }

    @Override
    public Object evaluate(Map<String, Object> variables) {
      Map<String, Object> out = new LinkedHashMap<>();
      entries.forEach((k, v) -> out.put(k, v.evaluate(variables)));
      return Collections.unmodifiableMap(out);
    }

    @Override
    public Object source() {
      Map<String, Object> out = new LinkedHashMap<>();
      entries.forEach((k, v) -> out.put(k, v.source()));
      return out;
    }

    /** The unevaluated template of one entry, for actions that evaluate it later. */
    Template entry(String key) {
      return entries.get(key);
    }
  }

  private static final class ListTemplate extends Template {
    private final List<Template> items;

    ListTemplate(List<Template> items, String location) {
      super(location);
      this.items = items;
    }

    @Override
    public Object evaluate(Map<String, Object> variables) {
      List<Object> out = new ArrayList<>();
      items.forEach(t -> out.add(t.evaluate(variables)));
      return Collections.unmodifiableList(out);
    }

    @Override
    public Object source() {
      List<Object> out = new ArrayList<>();
      items.forEach(t -> out.add(t.source()));
      return out;
    }
  }

  /** The unevaluated template of {@code key} when this is a mapping, or null. */
  public Template field(String key) {
    return this instanceof MapTemplate m ? m.entry(key) : null;
  }

  /** The keys when this is a mapping, else empty. */
  public java.util.Set<String> fields() {
    return this instanceof MapTemplate m ? m.entries.keySet() : java.util.Set.of();
  }
}
