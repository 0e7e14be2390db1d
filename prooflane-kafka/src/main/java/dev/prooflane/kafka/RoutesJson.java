package dev.prooflane.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.ProoflaneException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the body of {@code GET /kafka/routes}. Fields the interceptor does not use (such as a
 * sandbox's {@code created}) and fields a later daemon adds are ignored.
 */
final class RoutesJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RoutesJson() {}

  /** The routes {@code body} holds; a {@link RoutesFormatException} names the field at fault. */
  static Routes parse(String body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new RoutesFormatException("body: not JSON (" + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw new RoutesFormatException("body: not a JSON object");
    }
    JsonNode version = root.path("version");
    if (!version.canConvertToExactIntegral() || !version.isNumber()) {
      throw new RoutesFormatException("version: " + version + " (expected: an integer)");
    }
    JsonNode names = root.path("keyNames");
    if (!names.isObject()) {
      throw new RoutesFormatException("keyNames: " + names + " (expected: an object)");
    }
    KeyNames keyNames =
        new KeyNames(
            optionalText(names, "keyNames.baggage"),
            optionalText(names, "keyNames.tracestate"),
            optionalText(names, "keyNames.header"),
            Optional.empty());
    JsonNode list = root.path("sandboxes");
    if (!list.isArray()) {
      throw new RoutesFormatException("sandboxes: " + list + " (expected: an array)");
    }
    List<RoutedSandbox> sandboxes = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      sandboxes.add(sandbox(list.get(i), "sandboxes[" + i + "]"));
    }
    return new Routes(version.longValue(), keyNames, sandboxes);
  }

  private static RoutedSandbox sandbox(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new RoutesFormatException(path + ": " + node + " (expected: an object)");
    }
    String name = requiredText(node.path("name"), path + ".name");
    String key = requiredText(node.path("key"), path + ".key");
    JsonNode forks = node.path("forks");
    Map<String, String> states = new LinkedHashMap<>();
    if (!forks.isMissingNode()) {
      if (!forks.isObject()) {
        throw new RoutesFormatException(path + ".forks: " + forks + " (expected: an object)");
      }
      forks
          .properties()
          .forEach(e -> states.put(e.getKey(), requiredText(e.getValue(), path + ".forks")));
    }
    return new RoutedSandbox(name, key, states);
  }

  private static String optionalText(JsonNode parent, String path) {
    JsonNode node = parent.path(path.substring(path.indexOf('.') + 1));
    if (node.isMissingNode() || node.isNull()) {
      return "";
    }
    if (!node.isTextual()) {
      throw new RoutesFormatException(path + ": " + node + " (expected: a string)");
    }
    return node.asText();
  }

  private static String requiredText(JsonNode node, String path) {
    if (!node.isTextual() || node.asText().isEmpty()) {
      throw new RoutesFormatException(path + ": " + node + " (expected: a non-empty string)");
    }
    return node.asText();
  }

  /** A routes body that does not follow the format. */
  static final class RoutesFormatException extends ProoflaneException {
    private static final long serialVersionUID = 1L;

    RoutesFormatException(String message) {
      super(message);
    }
  }
}
