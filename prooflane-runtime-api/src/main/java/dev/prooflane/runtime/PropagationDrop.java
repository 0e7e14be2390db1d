package dev.prooflane.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One record of a drop detector: a service, while serving a request that carried the routing key,
 * made an outbound call that did not carry it (docs/propagation.md, "drop records").
 *
 * @param time when the detector saw the outbound call, or null when the record did not say
 * @param service the service whose code made the call
 * @param destination {@code baseline} or the sandbox whose fork made it
 * @param key the routing key the inbound request carried
 * @param traceId the 32 lower-case hex digits of the inbound request's trace, or null
 * @param inbound the request the service was serving, or null when not known
 * @param outbound the call that did not carry the key, or null when the record did not say
 * @param callSite the first application frame that made the call, or null when there was none
 * @param stack application frames from the call up, innermost first (at most 8)
 */
public record PropagationDrop(
    Instant time,
    String service,
    String destination,
    String key,
    String traceId,
    Inbound inbound,
    Outbound outbound,
    CallSite callSite,
    List<String> stack) {
  public PropagationDrop {
    requireNonNull(service, "service");
    requireNonNull(destination, "destination");
    requireNonNull(key, "key");
    stack = stack == null ? List.of() : List.copyOf(stack);
  }

  /**
   * The request a service was serving.
   *
   * @param method its method, or null
   * @param target its path (and query), or null
   */
  public record Inbound(String method, String target) {}

  /**
   * An outbound call without the key.
   *
   * @param protocol {@code http}, {@code grpc} or {@code kafka}
   * @param method the HTTP method, or the gRPC full method {@code pkg.Service/Method}; null for
   *     Kafka
   * @param target the URL, the gRPC authority, or the Kafka topic
   * @param carried which of {@code traceparent}, {@code baggage}, {@code tracestate} and {@code
   *     header} carried anything on the call (never the key)
   */
  public record Outbound(String protocol, String method, String target, List<String> carried) {
    public Outbound {
      carried = carried == null ? List.of() : List.copyOf(carried);
    }

    /** {@code GET http://127.0.0.1:40123/prices/42}, or the target alone without a method. */
    public String describe() {
      return (method == null ? "" : method + " ") + (target == null ? "?" : target);
    }
  }

  /**
   * Where the application called: the first frame that is neither the JDK's, the agent's nor a
   * known client library's.
   *
   * @param className the fully qualified class ({@code class} in JSON, as in the drop records)
   * @param method the method
   * @param file the source file, or null when not known
   * @param line the line, or a negative number when not known
   */
  public record CallSite(
      @JsonProperty("class") String className, String method, String file, int line) {
    public CallSite {
      requireNonNull(className, "className");
      requireNonNull(method, "method");
    }

    /** As a stack trace prints it: {@code dev.shop.Downstream.get(Downstream.java:71)}. */
    @Override
    public String toString() {
      String where = file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
      return className + "." + method + "(" + where + ")";
    }
  }
}
