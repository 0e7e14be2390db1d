package dev.prooflane.mcp.tools;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small JSON Schema (draft 2020-12 subset) for tool inputs and outputs: it renders the schema an
 * MCP client reads and checks arguments with messages that name the field, so that an agent knows
 * what to fix.
 */
public final class Schema {
  /** The longest name (of a sandbox, skill, run, service...) an input takes. */
  public static final int NAME_MAX = 256;

  /** The longest free text (a command, an env value) an input takes. */
  public static final int TEXT_MAX = 16_384;

  private final String type;
  private final String description;
  private final Map<String, Schema> properties = new LinkedHashMap<>();
  private final Set<String> required = new LinkedHashSet<>();
  private Schema items;
  private Schema values;
  private List<String> enumValues = List.of();
  private Long minimum;
  private Long maximum;
  private Object defaultValue;
  private Integer maxLength;
  private boolean closed;

  private Schema(String type, String description) {
    this.type = requireNonNull(type, "type");
    this.description = description;
  }

  /** An object whose fields are declared with the builder methods; unknown fields are refused. */
  public static Schema object() {
    Schema s = new Schema("object", null);
    s.closed = true;
    return s;
  }

  /** An object that may hold more fields than the declared ones (for outputs). */
  public static Schema open(String description) {
    return new Schema("object", description);
  }

  public static Schema string(String description) {
    return new Schema("string", description);
  }

  /** A name (of a sandbox, skill, run, service...), at most {@link #NAME_MAX} characters. */
  public static Schema name(String description) {
    return string(description).maxLength(NAME_MAX);
  }

  /** A free text, at most {@link #TEXT_MAX} characters. */
  public static Schema text(String description) {
    return string(description).maxLength(TEXT_MAX);
  }

  public static Schema integer(String description) {
    return new Schema("integer", description);
  }

  public static Schema bool(String description) {
    return new Schema("boolean", description);
  }

  public static Schema number(String description) {
    return new Schema("number", description);
  }

  /** An array of {@code items}. */
  public static Schema array(String description, Schema items) {
    Schema s = new Schema("array", description);
    s.items = requireNonNull(items, "items");
    return s;
  }

  /** An object of any fields whose values follow {@code values} (such as env variables). */
  public static Schema mapOf(String description, Schema values) {
    Schema s = new Schema("object", description);
    s.values = requireNonNull(values, "values");
    return s;
  }

  /** An object of any fields with any values (such as a skill's inputs). */
  public static Schema anyObject(String description) {
    return new Schema("object", description);
  }

  /** Adds a required field. */
  public Schema required(String name, Schema schema) {
    properties.put(name, schema);
    required.add(name);
    return this;
  }

  /** Adds an optional field. */
  public Schema optional(String name, Schema schema) {
    properties.put(name, schema);
    return this;
  }

  public Schema oneOf(String... values) {
    this.enumValues = List.of(values);
    return this;
  }

  public Schema range(long min, long max) {
    this.minimum = min;
    this.maximum = max;
    return this;
  }

  public Schema defaultValue(Object value) {
    this.defaultValue = value;
    return this;
  }

  /**
   * The longest text accepted (inputs): a name that ends up in a URL, a command that ends up in a
   * request body; a longer one is refused naming the field, its length and this limit.
   */
  public Schema maxLength(int max) {
    this.maxLength = max;
    return this;
  }

  /**
   * {@code value} made to fit this (output) schema: a declared field whose value is null is left
   * out, since an absent optional field is what every client accepts for "none" (a {@code null}
   * would need a nullable type, which strict clients refuse). A copy; {@code value} is unchanged.
   */
  public JsonNode conform(JsonNode value) {
    JsonNode copy = value.deepCopy();
    strip(copy);
    return copy;
  }

  private void strip(JsonNode value) {
    if (value instanceof ObjectNode object && "object".equals(type)) {
      for (Map.Entry<String, Schema> e : properties.entrySet()) {
        JsonNode field = object.get(e.getKey());
        if (field == null) {
          continue;
        }
        if (field.isNull() && !required.contains(e.getKey())) {
          object.remove(e.getKey());
        } else {
          e.getValue().strip(field);
        }
      }
      if (values != null) {
        object.properties().forEach(e -> values.strip(e.getValue()));
      }
    } else if (value instanceof ArrayNode array && items != null) {
      array.forEach(items::strip);
    }
  }

  /** The declared field names. */
  public Set<String> fieldNames() {
    return properties.keySet();
  }

  /** The schema as a JSON-compatible map. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", type);
    if (description != null) {
      out.put("description", description);
    }
    if (!enumValues.isEmpty()) {
      out.put("enum", enumValues);
    }
    if (minimum != null) {
      out.put("minimum", minimum);
      out.put("maximum", maximum);
    }
    if (maxLength != null) {
      out.put("maxLength", maxLength);
    }
    if (defaultValue != null) {
      out.put("default", defaultValue);
    }
    if (!properties.isEmpty() || closed) {
      Map<String, Object> props = new LinkedHashMap<>();
      properties.forEach((k, v) -> props.put(k, v.toMap()));
      out.put("properties", props);
    }
    if (!required.isEmpty()) {
      out.put("required", List.copyOf(required));
    }
    if (items != null) {
      out.put("items", items.toMap());
    }
    if (values != null) {
      out.put("additionalProperties", values.toMap());
    } else if (closed) {
      out.put("additionalProperties", false);
    }
    return out;
  }

  /** Every problem of {@code value} against this schema, each as {@code field: what is wrong}. */
  public List<String> problems(Object value) {
    List<String> out = new ArrayList<>();
    check("", value, out);
    return out;
  }

  private void check(String path, Object value, List<String> out) {
    String at = path.isEmpty() ? "arguments" : path;
    if (value == null) {
      out.add(at + ": null (expected: " + type + ")");
      return;
    }
    switch (type) {
      case "string" -> {
        if (!(value instanceof String s)) {
          out.add(at + ": " + render(value) + " (expected: text)");
        } else if (!enumValues.isEmpty() && !enumValues.contains(s)) {
          out.add(at + ": '" + s + "' (expected: one of " + String.join(", ", enumValues) + ")");
        } else if (s.isBlank()) {
          out.add(at + ": empty (expected: a non-empty text)");
        } else if (maxLength != null && s.length() > maxLength) {
          out.add(
              at
                  + ": "
                  + s.length()
                  + " characters (expected: at most "
                  + maxLength
                  + "; "
                  + (maxLength <= NAME_MAX ? "a name, not a document" : "pass a file path instead")
                  + ")");
        }
      }
      case "integer" -> {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
          out.add(at + ": " + render(value) + " (expected: a whole number)");
        } else if (minimum != null && (n.longValue() < minimum || n.longValue() > maximum)) {
          out.add(at + ": " + n + " (expected: " + minimum + " to " + maximum + ")");
        }
      }
      case "number" -> {
        if (!(value instanceof Number)) {
          out.add(at + ": " + render(value) + " (expected: a number)");
        }
      }
      case "boolean" -> {
        if (!(value instanceof Boolean)) {
          out.add(at + ": " + render(value) + " (expected: true or false)");
        }
      }
      case "array" -> {
        if (!(value instanceof List<?> list)) {
          out.add(at + ": " + render(value) + " (expected: an array)");
        } else {
          for (int i = 0; i < list.size(); i++) {
            items.check(path + "[" + i + "]", list.get(i), out);
          }
        }
      }
      default -> checkObject(path, at, value, out);
    }
  }

  private void checkObject(String path, String at, Object value, List<String> out) {
    if (!(value instanceof Map<?, ?> map)) {
      out.add(at + ": " + render(value) + " (expected: an object)");
      return;
    }
    String prefix = path.isEmpty() ? "" : path + ".";
    for (String name : required) {
      if (map.get(name) == null) {
        String hint = properties.get(name).description;
        out.add(prefix + name + ": missing" + (hint == null ? "" : " — " + hint));
      }
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = String.valueOf(e.getKey());
      Schema field = properties.get(name);
      if (field != null) {
        if (e.getValue() != null) {
          field.check(prefix + name, e.getValue(), out);
        }
      } else if (values != null) {
        values.check(prefix + name, e.getValue(), out);
      } else if (closed) {
        out.add(
            prefix
                + name
                + (properties.isEmpty() && path.isEmpty()
                    ? ": unknown field (this tool takes no arguments)"
                    : ": unknown field (known: " + String.join(", ", properties.keySet()) + ")"));
      }
    }
  }

  private static String render(Object value) {
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "an array";
    }
    return String.valueOf(value);
  }
}
