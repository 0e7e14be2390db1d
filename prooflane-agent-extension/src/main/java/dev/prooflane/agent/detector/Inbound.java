package dev.prooflane.agent.detector;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.context.ContextKey;

/**
 * The keyed request a service is handling, as it sits in the OpenTelemetry Context of the code that
 * handles it.
 *
 * @param key the routing key's value
 * @param traceId the inbound request's trace id (32 lower-case hex), or null
 * @param method the inbound request's method, or null when not known
 * @param target the inbound request's path and query, or null when not known
 */
public record Inbound(String key, String traceId, String method, String target) {

  /** Where the keyed request sits in the Context. */
  public static final ContextKey<Inbound> CONTEXT_KEY = ContextKey.named("prooflane-inbound");

  public Inbound {
    requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key: empty (expected: the routing key's value)");
    }
  }

  /** This request, with the method and target the server saw. */
  public Inbound withRequest(String method, String target) {
    return new Inbound(key, traceId, method, target);
  }
}
