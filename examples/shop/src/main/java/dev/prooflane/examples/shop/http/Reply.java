package dev.prooflane.examples.shop.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A service's answer: a status and a JSON object. {@link ShopServer} adds the {@code hops} field.
 *
 * @param status the HTTP status
 * @param body the JSON object to send
 */
public record Reply(int status, ObjectNode body) {
  public Reply {
    requireNonNull(body, "body");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status: " + status + " (expected: 100 to 599)");
    }
  }

  /** A 200 with {@code body}. */
  public static Reply ok(ObjectNode body) {
    return new Reply(200, body);
  }

  /** A 404 {@code {"error":"not_found","id":..}}. */
  public static Reply notFound(String id) {
    ObjectNode body = Json.object().put("error", "not_found").put("id", id);
    return new Reply(404, body);
  }

  /** A {@code status} with {@code {"error":code,"message":message}}. */
  public static Reply error(int status, String code, String message) {
    return new Reply(status, Json.object().put("error", code).put("message", message));
  }

  /**
   * A 502 that shows what the downstream answered: {@code
   * {"error":"downstream_failed","service":..,"status":..,"body":..}}; {@code status} is null when
   * no response arrived.
   */
  public static Reply downstreamFailed(DownstreamReply reply) {
    ObjectNode body =
        Json.object().put("error", "downstream_failed").put("service", reply.service());
    if (reply.status() == 0) {
      body.putNull("status");
    } else {
      body.put("status", reply.status());
    }
    body.set("body", reply.body());
    return new Reply(502, body);
  }

  /**
   * A 502 for a gRPC call that failed: {@code
   * {"error":"downstream_failed","service":..,"grpcStatus":"UNAVAILABLE","body":description}}.
   *
   * @param service the called service, such as {@code warehouse}
   * @param grpcStatus the name of the call's gRPC status code
   * @param description the status's description, or null
   */
  public static Reply grpcFailed(String service, String grpcStatus, String description) {
    ObjectNode body =
        Json.object()
            .put("error", "downstream_failed")
            .put("service", requireNonNull(service, "service"))
            .put("grpcStatus", requireNonNull(grpcStatus, "grpcStatus"))
            .put("body", description == null ? "" : description);
    return new Reply(502, body);
  }

  boolean isDownstreamFailure() {
    return "downstream_failed".equals(body.path("error").asText());
  }
}
