package dev.prooflane.kubernetes.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.prooflane.kubernetes.meta.Manifests;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates objects against the upstream CRD schema of the version they declare (the CRDs copied
 * into {@code src/test/resources/crds/}).
 *
 * <p>The schema is OpenAPI v3 ({@code nullable}; {@code x-kubernetes-*} keywords are unknown to the
 * validator and skipped). The API server prunes unknown fields silently, so a misspelt field would
 * pass unnoticed: every object schema with {@code properties} and without {@code
 * x-kubernetes-preserve-unknown-fields} is made closed ({@code additionalProperties: false}) on a
 * copy, so that a field the schema does not know is a failure here.
 */
public final class CrdSchemas {
  private static final Map<String, String> FILES =
      Map.of(
          "networking.istio.io/VirtualService", "/crds/istio-virtualservices.yaml",
          "gateway.networking.k8s.io/HTTPRoute", "/crds/gateway-api-httproutes.yaml",
          "gateway.networking.k8s.io/GRPCRoute", "/crds/gateway-api-grpcroutes.yaml");
  private static final Map<String, Schema> CACHE = new HashMap<>();

  private CrdSchemas() {}

  /** The problems of {@code object} against its CRD's schema; empty when it is valid. */
  public static synchronized List<String> problems(JsonNode object) {
    String apiVersion = Manifests.apiVersion(object);
    String group = apiVersion.substring(0, apiVersion.indexOf('/'));
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    String file = FILES.get(group + "/" + Manifests.kind(object));
    if (file == null) {
      throw new IllegalArgumentException("no CRD for " + apiVersion + " " + Manifests.kind(object));
    }
    Schema schema = CACHE.computeIfAbsent(file + "#" + version, k -> compile(file, version));
    return schema.validate(object).stream().map(Error::toString).toList();
  }

  /** The problems of {@code object} against {@code crd}, a CRD read from a file. */
  public static List<String> problems(JsonNode crd, JsonNode object) {
    String apiVersion = Manifests.apiVersion(object);
    return compile(crd, apiVersion.substring(apiVersion.indexOf('/') + 1), "CRD")
        .validate(object)
        .stream()
        .map(Error::toString)
        .toList();
  }

  private static Schema compile(String file, String version) {
    try (InputStream in = CrdSchemas.class.getResourceAsStream(file)) {
      return compile(Manifests.yaml().readTree(in), version, file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema compile(JsonNode crd, String version, String file) {
    {
      for (JsonNode v : crd.path("spec").path("versions")) {
        if (version.equals(v.path("name").asText())) {
          ObjectNode schema = v.path("schema").path("openAPIV3Schema").deepCopy();
          // The API server always accepts these at the root, whether the schema lists them or not.
          ObjectNode root = (ObjectNode) schema.get("properties");
          root.putIfAbsent("apiVersion", Manifests.yaml().createObjectNode().put("type", "string"));
          root.putIfAbsent("kind", Manifests.yaml().createObjectNode().put("type", "string"));
          root.putIfAbsent("metadata", Manifests.yaml().createObjectNode().put("type", "object"));
          close(schema);
          return SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30()).getSchema(schema);
        }
      }
      throw new IllegalArgumentException(file + ": no version " + version);
    }
  }

  private static void close(JsonNode schema) {
    if (schema.isObject()) {
      ObjectNode o = (ObjectNode) schema;
      if (o.has("properties")
          && !o.has("additionalProperties")
          && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        o.put("additionalProperties", false);
      }
    }
    schema.forEach(CrdSchemas::close);
  }
}
