package dev.prooflane.agent.detector;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One drop: an outbound call made while handling a keyed request that does not carry the key.
 * {@link #toJson()} is the contract's JSON line (docs/propagation-detector.md).
 *
 * @param time when the call was made
 * @param service the service
 * @param destination {@code baseline} or the sandbox's name
 * @param inbound the keyed request being handled
 * @param outbound the call that dropped the key
 * @param stack the application frames, innermost first (the first is the call site); may be empty
 */
public record DropRecord(
    Instant time,
    String service,
    String destination,
    Inbound inbound,
    Outbound outbound,
    List<StackTraceElement> stack) {

  /** The format version written as {@code v}. */
  public static final int VERSION = 1;

  public DropRecord {
    requireNonNull(time, "time");
    requireNonNull(service, "service");
    requireNonNull(destination, "destination");
    requireNonNull(inbound, "inbound");
    requireNonNull(outbound, "outbound");
    stack = List.copyOf(stack);
  }

  /**
   * An outbound call.
   *
   * @param protocol {@code http}, {@code grpc} or {@code kafka}
   * @param method the HTTP method, the gRPC full method {@code pkg.Service/Method}, or null (Kafka)
   * @param target the URL, the gRPC authority (null when not known) or the Kafka topic
   * @param carried which of traceparent, baggage, tracestate, header carried anything
   */
  public record Outbound(String protocol, String method, String target, List<String> carried) {
    public Outbound {
      requireNonNull(protocol, "protocol");
      carried = List.copyOf(carried);
    }
  }

  /** The call site: the first application frame, or null when there is none. */
  public StackTraceElement callSite() {
    return stack.isEmpty() ? null : stack.get(0);
  }

  /** This record as one line of JSON, without the line end. */
  public String toJson() {
    JsonLine json = header(time, service, destination);
    json.field("key").string(inbound.key());
    json.field("traceId").string(inbound.traceId());
    json.field("inbound");
    if (inbound.method() == null && inbound.target() == null) {
      json.nullValue();
    } else {
      json.begin();
      json.field("method").string(inbound.method());
      json.field("target").string(inbound.target());
      json.end();
    }
    json.field("outbound").begin();
    json.field("protocol").string(outbound.protocol());
    json.field("method").string(outbound.method());
    json.field("target").string(outbound.target());
    json.field("carried").strings(outbound.carried());
    json.end();
    json.field("callSite");
    StackTraceElement site = callSite();
    if (site == null) {
      json.nullValue();
    } else {
      json.begin();
      json.field("class").string(site.getClassName());
      json.field("method").string(site.getMethodName());
      json.field("file").string(site.getFileName());
      json.field("line");
      if (site.getLineNumber() > 0) {
        json.number(site.getLineNumber());
      } else {
        json.nullValue();
      }
      json.end();
    }
    json.field("stack").beginArray();
    for (StackTraceElement frame : stack) {
      json.element().string(frame.toString());
    }
    json.endArray();
    json.end();
    return json.toString();
  }

  private static JsonLine header(Instant time, String service, String destination) {
    JsonLine json = new JsonLine();
    json.begin();
    json.field("v").number(VERSION);
    json.field("time").string(time.toString());
    json.field("service").string(service);
    json.field("destination").string(destination);
    return json;
  }
}
