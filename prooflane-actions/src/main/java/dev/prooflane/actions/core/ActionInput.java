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
 * The {@code with:} of a step, evaluated once before its action runs: the step's report shows these
 * values and the action reads the same ones. Each typed getter fails with an {@link
 * ActionInputException} that names the field; reading a field whose expression failed throws that
 * failure, which names the field too. The fields an action evaluates itself are left as written
 * ({@link #deferred}).
 */
public final class ActionInput {
  private final InputFields fields;
  private final String where;

  private ActionInput(InputFields fields, String where) {
    this.fields = fields;
    this.where = where;
  }

  /**
   * Evaluates {@code with} once against {@code variables}: each field of a mapping on its own (one
   * that fails keeps its failure for the action to meet when it reads it), or a {@code with:} that
   * is one expression as a whole.
   *
   * @param variables {@code inputs}, {@code steps}, {@code run}
   * @param deferred the fields the action evaluates itself ({@link Action#deferredFields()})
   * @param where a label for messages, such as {@code step 'quote'}
   */
  public static ActionInput evaluate(
      Template with, Map<String, Object> variables, Set<String> deferred, String where) {
    return new ActionInput(InputFields.evaluate(with, variables, deferred), where);
  }

  /** An input made of plain values (for actions that call other actions). */
  public static ActionInput of(Map<String, Object> values, String where) {
    return new ActionInput(InputFields.plain(values), where);
  }

  /**
   * The fields as the step's report shows them: the values the action reads; a field that failed to
   * evaluate, or that the action evaluates itself, as written.
   */
  public Map<String, Object> reported() {
    return fields.reported();
  }

  /** The field names given. */
  public Set<String> fields() {
    return fields.names();
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
    InputField f = fields.get(field);
    if (f instanceof InputField.Value v) {
      return v.value();
    }
    if (f instanceof InputField.Failed failed) {
      throw failed.error();
    }
    if (f instanceof InputField.Later) {
      throw new IllegalStateException(
          where + ": with." + field + " is evaluated by the action (read it with deferred)");
    }
    return null;
  }

  /** The field as written in the skill, such as {@code ${{ steps.quote.outputs.ok }}}. */
  public Optional<String> source(String field) {
    InputField f = fields.get(field);
    if (f == null || (f instanceof InputField.Value v && v.value() == null)) {
      return Optional.empty();
    }
    return Optional.of(String.valueOf(f.source()));
  }

  /**
   * A field the action evaluates itself, with more variables. A field given as a plain value (by
   * {@link #of}, or in a {@code with:} that is one expression) evaluates to that value.
   */
  public Optional<Deferred> deferred(String field) {
    InputField f = fields.get(field);
    if (f instanceof InputField.Later later) {
      return Optional.of(later.deferred());
    }
    Object value = value(field);
    return value == null
        ? Optional.empty()
        : Optional.of(new Deferred(Template.literal(value, where + " " + field), Map.of()));
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
