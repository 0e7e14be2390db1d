package dev.prooflane.actions.core;

import dev.prooflane.actions.expr.Template;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.model.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code with:} of a step: fields are evaluated when read, against the run's variables, and
 * each typed getter fails with an {@link ActionInputException} that names the field.
 */
public final class ActionInput {
  private final Template with;
  private final Map<String, Object> variables;
  private final String where;

  /**
   * @param with the step's {@code with:} template
   * @param variables {@code inputs}, {@code steps}, {@code run}
   * @param where a label for messages, such as {@code step 'quote'}
   */
  public ActionInput(Template with, Map<String, Object> variables, String where) {
    this.with = with;
    this.variables = variables;
    this.where = where;
  }

  /** An input made of plain values (for actions that call other actions). */
  public static ActionInput of(Map<String, Object> values, String where) {
    return new ActionInput(Template.literal(values, where), Map.of(), where);
  }

  /** The variables expressions are evaluated against. */
  public Map<String, Object> variables() {
    return variables;
  }

  /** The field names given. */
  public Set<String> fields() {
    if (!with.fields().isEmpty()) {
      return with.fields();
    }
    Object all = with.evaluate(variables);
    if (all instanceof Map<?, ?> map) {
      Set<String> out = new TreeSet<>();
      map.keySet().forEach(k -> out.add(String.valueOf(k)));
      return out;
    }
    return Set.of();
  }

  /** Refuses fields not in {@code known}, naming the known ones. */
  public void rejectUnknown(Set<String> known) {
    for (String field : fields()) {
      if (!known.contains(field)) {
        throw error(
            field, "unknown field (known: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  public boolean has(String field) {
    return fields().contains(field) && !Values.isNull(value(field));
  }

  /** The evaluated value of {@code field}, or null when absent. */
  public Object value(String field) {
    Template t = with.field(field);
    if (t != null) {
      return t.evaluate(variables);
    }
    if (!with.fields().isEmpty()) {
      // a mapping without this field: evaluating the others could fail for want of variables
      // that only the action provides (wait's until: needs result)
      return null;
    }
    Object all = with.evaluate(variables);
    return all instanceof Map<?, ?> map ? map.get(field) : null;
  }

  /**
   * The unevaluated template of {@code field}, for actions that evaluate it with more variables.
   */
  public Optional<Template> template(String field) {
    Template t = with.field(field);
    if (t != null) {
      return Optional.of(t);
    }
    Object value = value(field);
    return value == null
        ? Optional.empty()
        : Optional.of(Template.literal(value, where + " " + field));
  }

  public String string(String field) {
    return optionalString(field).orElseThrow(() -> error(field, "missing (required)"));
  }

  public Optional<String> optionalString(String field) {
    Object v = value(field);
    if (Values.isNull(v)) {
      return Optional.empty();
    }
    if (v instanceof String s) {
      return Optional.of(s);
    }
    if (v instanceof Long || v instanceof Double || v instanceof Boolean) {
      return Optional.of(Values.text(v));
    }
    throw error(field, "expected text, got " + Values.text(v));
  }

  public long integer(String field, long fallback) {
    Object v = value(field);
    if (Values.isNull(v)) {
      return fallback;
    }
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d && d == Math.rint(d)) {
      return d.longValue();
    }
    throw error(field, "expected a whole number, got " + Values.text(v));
  }

  public boolean bool(String field, boolean fallback) {
    Object v = value(field);
    if (Values.isNull(v)) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw error(field, "expected true or false, got " + Values.text(v));
  }

  public Optional<Duration> duration(String field) {
    Optional<String> text = optionalString(field);
    try {
      return text.map(Durations::parse);
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String field) {
    Object v = value(field);
    if (Values.isNull(v)) {
      return Map.of();
    }
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw error(field, "expected a mapping, got " + Values.text(v));
  }

  /** A list; a single value counts as a list of one. */
  public List<Object> list(String field) {
    Object v = value(field);
    if (Values.isNull(v)) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return List.copyOf(l);
    }
    return List.of(v);
  }

  /** A list of texts; a single text counts as a list of one. */
  public List<String> strings(String field) {
    return list(field).stream()
        .map(
            v -> {
              if (v instanceof String s) {
                return s;
              }
              throw error(field, "expected text items, got " + Values.text(v));
            })
        .toList();
  }

  /** An error naming {@code field} of this step. */
  public ActionInputException error(String field, String message) {
    return new ActionInputException(where + ": with." + field + ": " + message);
  }
}
