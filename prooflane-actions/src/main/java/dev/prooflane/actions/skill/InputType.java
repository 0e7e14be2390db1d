package dev.prooflane.actions.skill;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prooflane.actions.expr.Values;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The type of a skill input; text from the command line is converted to it. */
public enum InputType {
  STRING,
  INTEGER,
  NUMBER,
  BOOLEAN,
  OBJECT,
  ARRAY;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses {@code string|integer|number|boolean|object|array}, or null when unknown. */
  public static InputType of(String name) {
    for (InputType t : values()) {
      if (t.name().toLowerCase(Locale.ROOT).equals(name)) {
        return t;
      }
    }
    return null;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Converts {@code value} (text from a command line, or a JSON/YAML value) to this type.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public Object coerce(Object value) {
    if (value instanceof String text && this != STRING) {
      try {
        return coerce(Values.fromJson(JSON.readTree(text)));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("'" + text + "' is not of type " + label());
      }
    }
    boolean ok =
        switch (this) {
          case STRING -> value instanceof String;
          case INTEGER -> value instanceof Long || (value instanceof Double d && d == Math.rint(d));
          case NUMBER -> value instanceof Long || value instanceof Double;
          case BOOLEAN -> value instanceof Boolean;
          case OBJECT -> value instanceof Map;
          case ARRAY -> value instanceof List;
        };
    if (!ok) {
      throw new IllegalArgumentException(Values.text(value) + " is not of type " + label());
    }
    if (this == INTEGER && value instanceof Double d) {
      return d.longValue();
    }
    return value;
  }
}
