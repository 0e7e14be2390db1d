package dev.prooflane.actions.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import dev.prooflane.actions.core.ActionInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where, in an OpenAPI 3 document, the schema of one operation's response lives: found by {@code
 * operationId} or {@code METHOD /path} (a template or a concrete path), then by status (exact, then
 * {@code 2XX}, then {@code default}), then by media type.
 *
 * @param dialect the schema dialect of the document (OpenAPI 3.0 or 3.1)
 * @param pointer a JSON pointer to the response's schema, or empty when the response has no body
 * @param label what was selected, for messages: {@code GET /prices/{id} (getPrice) 200
 *     application/json}
 */
record OpenApiResponse(Dialect dialect, Optional<String> pointer, String label) {
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final Pattern METHOD_PATH =
      Pattern.compile(
          "(?i)(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE)\\s+(/\\S*)", Pattern.DOTALL);

  static OpenApiResponse locate(
      JsonNode doc, String operation, int status, String mediaType, ActionInput input) {
    Dialect dialect = dialect(doc, input);
    String[] found = operation(doc, operation.trim(), input);
    String path = found[0];
    String method = found[1];
    String opPointer = "/paths/" + escape(path) + "/" + method;
    JsonNode op = doc.at(opPointer);
    String opLabel =
        method.toUpperCase(Locale.ROOT)
            + " "
            + path
            + (op.hasNonNull("operationId") ? " (" + op.get("operationId").asText() + ")" : "");
    JsonNode responses = op.path("responses");
    String code = String.valueOf(status);
    String range = code.charAt(0) + "XX";
    String key = null;
    for (String candidate : List.of(code, range, range.toLowerCase(Locale.ROOT), "default")) {
      if (responses.has(candidate)) {
        key = candidate;
        break;
      }
    }
    if (key == null) {
      throw input.error(
          "status",
          "no response for "
              + status
              + " in "
              + opLabel
              + " (declared: "
              + String.join(", ", names(responses))
              + "; no default)");
    }
    String responsePointer = opPointer + "/responses/" + escape(key);
    JsonNode response = responses.get(key);
    if (response.has("$ref")) {
      String ref = response.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw input.error(
            "openapi",
            "response "
                + key
                + " of "
                + opLabel
                + " refers to '"
                + ref
                + "'; only references inside the document (#/components/responses/...) are"
                + " supported for response objects");
      }
      responsePointer = ref.substring(1);
      response = doc.at(responsePointer);
      if (response.isMissingNode()) {
        throw input.error("openapi", "'" + ref + "' (response " + key + ") not found");
      }
    }
    String label = opLabel + " " + key;
    JsonNode content = response.path("content");
    if (!content.isObject() || content.isEmpty()) {
      return new OpenApiResponse(dialect, Optional.empty(), label + " (no body)");
    }
    String media = mediaKey(content, mediaType);
    if (media == null) {
      throw input.error(
          "mediaType",
          "'"
              + mediaType
              + "' not declared for "
              + label
              + " (declared: "
              + String.join(", ", names(content))
              + ")");
    }
    label = label + " " + media;
    if (!content.get(media).has("schema")) {
      return new OpenApiResponse(dialect, Optional.empty(), label + " (no schema)");
    }
    return new OpenApiResponse(
        dialect, Optional.of(responsePointer + "/content/" + escape(media) + "/schema"), label);
  }

  private static Dialect dialect(JsonNode doc, ActionInput input) {
    String version = doc.path("openapi").asText("");
    if (version.startsWith("3.0")) {
      return Dialects.getOpenApi30();
    }
    if (version.startsWith("3.1")) {
      return Dialects.getOpenApi31();
    }
    if (doc.has("swagger")) {
      throw input.error(
          "openapi", "a Swagger 2 document (expected: OpenAPI 3.0 or 3.1; convert it first)");
    }
    throw input.error(
        "openapi", "not an OpenAPI 3 document: 'openapi: 3.x' missing (got '" + version + "')");
  }

  /** {path template, method} of the operation. */
  private static String[] operation(JsonNode doc, String operation, ActionInput input) {
    JsonNode paths = doc.path("paths");
    Matcher m = METHOD_PATH.matcher(operation);
    if (m.matches()) {
      String method = m.group(1).toLowerCase(Locale.ROOT);
      String path = m.group(2);
      if (paths.path(path).has(method)) {
        return new String[] {path, method};
      }
      for (String template : names(paths)) {
        if (matchesTemplate(template, path) && paths.get(template).has(method)) {
          return new String[] {template, method};
        }
      }
      throw input.error(
          "operation", "'" + operation + "' not found (declared: " + declared(paths) + ")");
    }
    List<String[]> matches = new ArrayList<>();
    for (String path : names(paths)) {
      for (String method : METHODS) {
        JsonNode op = paths.get(path).path(method);
        if (operation.equals(op.path("operationId").asText(null))) {
          matches.add(new String[] {path, method});
        }
      }
    }
    if (matches.isEmpty()) {
      throw input.error(
          "operation",
          "no operation with operationId '"
              + operation
              + "' (expected: an operationId or 'METHOD /path'; declared: "
              + declared(paths)
              + ")");
    }
    if (matches.size() > 1) {
      throw input.error(
          "operation",
          "operationId '" + operation + "' is used more than once; use 'METHOD /path' instead");
    }
    return matches.get(0);
  }

  private static boolean matchesTemplate(String template, String path) {
    String[] t = template.split("/", -1);
    String[] p = path.split("/", -1);
    if (t.length != p.length) {
      return false;
    }
    for (int i = 0; i < t.length; i++) {
      boolean variable = t[i].startsWith("{") && t[i].endsWith("}");
      if (variable ? p[i].isEmpty() : !t[i].equals(p[i])) {
        return false;
      }
    }
    return true;
  }

  private static String mediaKey(JsonNode content, String wanted) {
    String base = wanted.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    String family = base.contains("/") ? base.substring(0, base.indexOf('/')) + "/*" : base;
    for (String candidate : List.of(wanted, base, family, "*/*")) {
      for (String key : names(content)) {
        String keyBase = key.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (key.equals(candidate) || keyBase.equals(candidate)) {
          return key;
        }
      }
    }
    return null;
  }

  private static String declared(JsonNode paths) {
    List<String> out = new ArrayList<>();
    for (String path : names(paths)) {
      for (String method : METHODS) {
        JsonNode op = paths.get(path).path(method);
        if (!op.isMissingNode()) {
          String id = op.path("operationId").asText("");
          out.add(method.toUpperCase(Locale.ROOT) + " " + path + (id.isEmpty() ? "" : " " + id));
        }
      }
    }
    if (out.size() > 12) {
      return String.join(", ", out.subList(0, 12)) + ", ... (" + out.size() + " in all)";
    }
    return out.isEmpty() ? "none" : String.join(", ", out);
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      out.add(field.getKey());
    }
    return out;
  }

  /** A JSON pointer token. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
