package dev.prooflane.actions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.prooflane.actions.core.JsonLocation;
import dev.prooflane.actions.expr.Values;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

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
  static Violation of(Error e) {
    JsonLocation location = location(e.getInstanceLocation());
    String path = location.toString();
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
              location.child(e.getProperty()).toString(),
              keyword,
              "required, but missing",
              null,
              null);
        }
      }
      case "additionalProperties", "unevaluatedProperties" -> {
        if (e.getProperty() != null) {
          return new Violation(
              location.child(e.getProperty()).toString(),
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

  /** The validator's instance location as member names and indexes. */
  static JsonLocation location(NodePath path) {
    JsonLocation out = JsonLocation.ROOT;
    if (path == null) {
      return out;
    }
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      out = out.child(element instanceof Integer index ? index : String.valueOf(element));
    }
    return out;
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
