package dev.prooflane.actions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.prooflane.actions.expr.Values;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One place where a value does not match its schema, in our words: {@code $.price: expected number,
 * got string}.
 *
 * @param path a JSON path into the value, such as {@code $.items[0].price}
 * @param keyword the schema keyword that failed
 * @param message what was expected and what was found
 * @param expected the expected value or type, or null
 * @param actual the value found (scalars only), or null
 */
record Violation(String path, String keyword, String message, Object expected, Object actual) {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  static Violation of(Error e) {
    String path = jsonPath(e.getInstanceLocation());
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
    Object actual = scalar(e.getInstanceNode());
    switch (keyword) {
      case "type" -> {
        if (args.length >= 2) {
          return new Violation(
              path,
              keyword,
              "expected " + args[1] + ", got " + args[0],
              String.valueOf(args[1]),
              String.valueOf(args[0]));
        }
      }
      case "required" -> {
        if (e.getProperty() != null) {
          return new Violation(
              path + member(e.getProperty()), keyword, "required, but missing", null, null);
        }
      }
      case "additionalProperties", "unevaluatedProperties" -> {
        if (e.getProperty() != null) {
          return new Violation(
              path + member(e.getProperty()),
              keyword,
              "not allowed: the schema does not allow additional properties",
              null,
              null);
        }
      }
      case "enum" -> {
        if (args.length >= 1) {
          return new Violation(
              path,
              keyword,
              "expected one of " + args[0] + ", got " + text(e.getInstanceNode()),
              String.valueOf(args[0]),
              actual);
        }
      }
      case "const" -> {
        return new Violation(
            path,
            keyword,
            e.getMessage() + ", got " + text(e.getInstanceNode()),
            args.length > 0 ? String.valueOf(args[0]) : null,
            actual);
      }
      default -> {}
    }
    String message = e.getMessage() == null ? Arrays.toString(args) : e.getMessage();
    return new Violation(path, keyword, message, null, actual);
  }

  /** The form steps read in {@code outputs.errors}. */
  Map<String, Object> toOutput() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("path", path);
    out.put("message", message);
    out.put("keyword", keyword);
    return out;
  }

  static String jsonPath(NodePath location) {
    StringBuilder out = new StringBuilder("$");
    if (location == null) {
      return out.toString();
    }
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        out.append(member(String.valueOf(element)));
      }
    }
    return out.toString();
  }

  private static String member(String name) {
    if (IDENTIFIER.matcher(name).matches()) {
      return "." + name;
    }
    return "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  private static Object scalar(JsonNode node) {
    return node != null && node.isValueNode() ? Values.fromJson(node) : null;
  }

  private static String text(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    String s = node.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
