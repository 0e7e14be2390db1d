package dev.prooflane.actions.core;

import dev.prooflane.actions.expr.Template;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of a step's {@code with:} after its one evaluation, in order; or the failure of a
 * {@code with:} that is one expression, which every read meets.
 */
final class InputFields {
  private final Map<String, InputField> fields;
  private final RuntimeException failure;

  private InputFields(Map<String, InputField> fields, RuntimeException failure) {
    this.fields = Collections.unmodifiableMap(fields);
    this.failure = failure;
  }

  /** Each field of a mapping on its own, but {@code deferred}; or the whole value at once. */
  static InputFields evaluate(Template with, Map<String, Object> variables, Set<String> deferred) {
    if (with.fields().isEmpty()) {
      try {
        return plain(with.evaluate(variables));
      } catch (RuntimeException e) {
        return new InputFields(Map.of(), e);
      }
    }
    Map<String, InputField> fields = new LinkedHashMap<>();
    for (String name : with.fields()) {
      Template field = with.field(name);
      fields.put(
          name,
          deferred.contains(name)
              ? new InputField.Later(new Deferred(field, variables))
              : InputField.evaluate(field, variables));
    }
    return new InputFields(fields, null);
  }

  /** The entries of a mapping given whole, by name in sorted order; none for anything else. */
  static InputFields plain(Object all) {
    Map<String, InputField> fields = new LinkedHashMap<>();
    if (all instanceof Map<?, ?> map) {
      Set<String> names = new TreeSet<>();
      map.keySet().forEach(k -> names.add(String.valueOf(k)));
      names.forEach(name -> fields.put(name, new InputField.Value(map.get(name), null)));
    }
    return new InputFields(fields, null);
  }

  Set<String> names() {
    if (failure != null) {
      throw failure;
    }
    return fields.keySet();
  }

  /** The field named {@code name}, or null when absent. */
  InputField get(String name) {
    if (failure != null) {
      throw failure;
    }
    return fields.get(name);
  }

  /** Every field as the report shows it; none when the whole {@code with:} failed. */
  Map<String, Object> reported() {
    Map<String, Object> out = new LinkedHashMap<>();
    fields.forEach((name, field) -> out.put(name, field.reported()));
    return out;
  }
}
