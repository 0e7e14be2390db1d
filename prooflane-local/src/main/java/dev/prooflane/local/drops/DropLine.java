package dev.prooflane.local.drops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prooflane.runtime.PropagationDrop;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** One line of a drop record file, read leniently: what it is. */
sealed interface DropLine {
  ObjectMapper JSON = new ObjectMapper();

  /** A drop record. */
  record Record(PropagationDrop drop) implements DropLine {}

  /** A JSON object without a key: no drop record (a later writer's notice, say): ignored. */
  record Notice() implements DropLine {}

  /** Not a JSON object, or a record whose key is not text. */
  record Malformed() implements DropLine {}

  /**
   * Reads {@code line}; {@code service} and {@code destination} (from the file's place) stand in
   * for the fields when a record lacks them.
   */
  static DropLine parse(String line, String service, String destination) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return new Malformed();
    }
    if (node == null || !node.isObject()) {
      return new Malformed();
    }
    JsonNode key = node.get("key");
    if (key == null || key.isNull()) {
      return new Notice();
    }
    if (!key.isTextual()) {
      return new Malformed();
    }
    return new Record(
        new PropagationDrop(
            instant(node.get("time")),
            text(node.get("service"), service),
            text(node.get("destination"), destination),
            key.asText(),
            text(node.get("traceId"), null),
            inbound(node.get("inbound")),
            outbound(node.get("outbound")),
            callSite(node.get("callSite")),
            strings(node.get("stack"))));
  }

  private static PropagationDrop.Inbound inbound(JsonNode n) {
    return n == null || !n.isObject()
        ? null
        : new PropagationDrop.Inbound(text(n.get("method"), null), text(n.get("target"), null));
  }

  private static PropagationDrop.Outbound outbound(JsonNode n) {
    return n == null || !n.isObject()
        ? null
        : new PropagationDrop.Outbound(
            text(n.get("protocol"), null),
            text(n.get("method"), null),
            text(n.get("target"), null),
            strings(n.get("carried")));
  }

  private static PropagationDrop.CallSite callSite(JsonNode n) {
    if (n == null || !n.isObject()) {
      return null;
    }
    String type = text(n.get("class"), null);
    String method = text(n.get("method"), null);
    if (type == null || method == null) {
      return null;
    }
    JsonNode line = n.get("line");
    return new PropagationDrop.CallSite(
        type,
        method,
        text(n.get("file"), null),
        line != null && line.canConvertToInt() ? line.asInt() : -1);
  }

  private static String text(JsonNode n, String fallback) {
    return n != null && n.isTextual() ? n.asText() : fallback;
  }

  private static Instant instant(JsonNode n) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    try {
      return Instant.parse(n.asText());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      n.forEach(
          item -> {
            if (item.isTextual()) {
              out.add(item.asText());
            }
          });
    }
    return out;
  }
}
