package dev.prooflane.kubernetes.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.prooflane.model.ProoflaneException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;

/** Reads the identifying fields of Kubernetes objects held as JSON, and prints them as YAML. */
public final class Manifests {
  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                  .build())
          .enable(SerializationFeature.INDENT_OUTPUT);

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Manifests() {}

  /** {@code object} (a fabric8 model object or a map) as a JSON tree. */
  public static ObjectNode toNode(Object object) {
    return SERIALIZATION.convertValue(object, ObjectNode.class);
  }

  /** {@code value} (a list, a map, a model object) as a JSON tree. */
  public static JsonNode toTree(Object value) {
    return SERIALIZATION.convertValue(value, JsonNode.class);
  }

  /** {@code node} bound to {@code type}, such as a fabric8 {@code Deployment}. */
  public static <T> T toObject(JsonNode node, Class<T> type) {
    try {
      return SERIALIZATION.convertValue(node, type);
    } catch (IllegalArgumentException e) {
      throw new ProoflaneException(
          describe(node) + ": not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  public static String apiVersion(JsonNode object) {
    return object.path("apiVersion").asText();
  }

  public static String kind(JsonNode object) {
    return object.path("kind").asText();
  }

  public static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  public static String namespace(JsonNode object) {
    return object.path("metadata").path("namespace").asText();
  }

  /** {@code Kind namespace/name}, how messages name an object. */
  public static String describe(JsonNode object) {
    return kind(object) + " " + namespace(object) + "/" + name(object);
  }

  public static String label(JsonNode object, String key) {
    JsonNode v = object.path("metadata").path("labels").path(key);
    return v.isTextual() ? v.asText() : null;
  }

  /** Whether {@code object} carries {@code prooflane.dev/ignore: "true"}. */
  public static boolean ignored(JsonNode object) {
    return "true".equals(object.path("metadata").path("annotations").path(Labels.IGNORE).asText());
  }

  /** Whether {@code object} was created by Prooflane. */
  public static boolean managed(JsonNode object) {
    return Labels.PROOFLANE.equals(label(object, Labels.MANAGED_BY));
  }

  /** Whether {@code selector} is non-empty and every entry of it is among {@code labels}. */
  public static boolean selects(Map<String, String> selector, Map<String, String> labels) {
    if (selector == null || selector.isEmpty() || labels == null) {
      return false;
    }
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  /**
   * Whether every field set in {@code desired} has the same value in {@code actual}: objects may
   * have more fields in {@code actual} (defaults the server filled in), arrays must have the same
   * length. Used to skip writes that would change nothing.
   */
  public static boolean covers(JsonNode actual, JsonNode desired) {
    if (desired.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> f : desired.properties()) {
        JsonNode a = actual.get(f.getKey());
        if (a == null ? !f.getValue().isNull() : !covers(a, f.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!actual.isArray() || actual.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!covers(actual.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isNumber() && actual.isNumber()) {
      return desired.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return desired.equals(actual);
  }

  /** The objects as one multi-document YAML text, {@code ---} between them. */
  public static String toYaml(List<? extends JsonNode> objects) {
    StringBuilder out = new StringBuilder();
    for (JsonNode o : objects) {
      out.append("---\n").append(toYaml(o));
    }
    return out.toString();
  }

  /** One object as YAML. */
  public static String toYaml(JsonNode object) {
    try {
      return YAML.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new ProoflaneException("cannot print " + describe(object) + " as YAML", e);
    }
  }

  /** The YAML mapper used to read and print manifests. */
  public static ObjectMapper yaml() {
    return YAML;
  }
}
