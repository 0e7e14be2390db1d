package dev.prooflane.routing;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One exchange that passed the router: where it came from, where it went and how it ended.
 *
 * @param seq position in the hop log, from 1, increasing
 * @param time when the request arrived
 * @param traceId the 32-hex trace id of a valid {@code traceparent} header, or null
 * @param routingKey the routing key the request carried (also when it went to the baseline), or
 *     null
 * @param service the service whose listener took the request
 * @param destination {@code "baseline"} or the sandbox name
 * @param upstream {@code host:port} the request was sent to, or {@code ""} if it was not sent
 * @param method HTTP method
 * @param path request path, without the query
 * @param status status sent to the client
 * @param durationMicros from request arrival to the end of the response
 */
public record HopRecord(
    long seq,
    Instant time,
    String traceId,
    String routingKey,
    String service,
    String destination,
    String upstream,
    String method,
    String path,
    int status,
    long durationMicros) {

  /** The {@link #destination()} of requests sent to the baseline. */
  public static final String BASELINE = "baseline";

  public HopRecord {
    requireNonNull(time, "time");
    requireNonNull(service, "service");
    requireNonNull(destination, "destination");
    requireNonNull(upstream, "upstream");
    requireNonNull(method, "method");
    requireNonNull(path, "path");
  }
}
