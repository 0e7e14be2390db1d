package dev.prooflane.kubernetes.gatewayapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.kubernetes.meta.Manifests;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.Locale;
import java.util.Optional;

/**
 * The Gateway API route kinds Prooflane reads and writes, and the little that differs between them:
 * a GRPCRoute match has no path (a match of headers alone matches every method).
 */
enum RouteKind {
  HTTP("HTTPRoute"),
  GRPC("GRPCRoute");

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final String kind;

  RouteKind(String kind) {
    this.kind = kind;
  }

  /** The {@code kind} of the objects. */
  String kind() {
    return kind;
  }

  /** The kind of {@code route}, when it is a Gateway API route Prooflane handles. */
  static Optional<RouteKind> of(JsonNode route) {
    if (!Manifests.apiVersion(route).startsWith("gateway.networking.k8s.io/")) {
      return Optional.empty();
    }
    for (RouteKind k : values()) {
      if (k.kind.equals(Manifests.kind(route))) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * The kind of route for a Service port that no route is attached to yet: GRPCRoute when the port
   * speaks gRPC, else HTTPRoute.
   *
   * <p>The port's {@code appProtocol}, when set, decides alone: gRPC only for {@code grpc} (the
   * value Istio reads); {@code kubernetes.io/h2c} is HTTP/2 without saying what runs over it, and
   * {@code grpc-web} is served to browsers over HTTP/1.1 as well, so both get HTTPRoutes. Without
   * one, the port's name does, by the convention meshes use ({@code <protocol>[-<suffix>]}): {@code
   * grpc} or {@code grpc-<suffix>}, except {@code grpc-web} and {@code grpc-web-<suffix>}.
   */
  static RouteKind forPort(ServicePort port) {
    String appProtocol = port.getAppProtocol();
    if (appProtocol != null && !appProtocol.isEmpty()) {
      return appProtocol.equalsIgnoreCase("grpc") ? GRPC : HTTP;
    }
    String name = port.getName() == null ? "" : port.getName().toLowerCase(Locale.ROOT);
    boolean grpc = name.equals("grpc") || name.startsWith("grpc-");
    boolean grpcWeb = name.equals("grpc-web") || name.startsWith("grpc-web-");
    return grpc && !grpcWeb ? GRPC : HTTP;
  }

  /** A match that every request satisfies, to which a key's header match can be added. */
  ObjectNode catchAll() {
    ObjectNode match = JSON.objectNode();
    if (this == HTTP) {
      match.putObject("path").put("type", "PathPrefix").put("value", "/");
    }
    return match;
  }

  /** A rule that sends every request to {@code backendRef}. */
  ObjectNode defaultRule(ObjectNode backendRef) {
    ObjectNode rule = JSON.objectNode();
    if (this == HTTP) {
      rule.putArray("matches").add(catchAll());
    }
    rule.putArray("backendRefs").add(backendRef);
    return rule;
  }
}
