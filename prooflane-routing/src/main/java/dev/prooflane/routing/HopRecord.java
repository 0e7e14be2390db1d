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
 * @param destination {@code "baseline"}, the sandbox name, or {@code "refused"} when the router
 *     answered the request itself without choosing a destination: a malformed or ambiguous request
 *     ({@code 400}, {@code 414}, {@code 431}, {@code 501}), an invalid routing key ({@code 400}) or
 *     a routing loop ({@code 508}); such a request never reaches an upstream
 * @param upstream {@code host:port} the request was sent to, or {@code ""} if it was not sent
 * @param method HTTP method, or {@code ""} when the request line could not be read
 * @param path request path, without the query, or {@code ""} when the request line could not be
 *     read
 * @param status status sent to the client, or {@code 0} when the connection closed before any
 *     status was sent (for example a client that broke the framing of its body mid-way)
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

  /** The {@link #destination()} of requests the router refused to route. */
  public static final String REFUSED = "refused";

  public HopRecord {
    requireNonNull(time, "time");
    requireNonNull(service, "service");
    requireNonNull(destination, "destination");
    requireNonNull(upstream, "upstream");
    requireNonNull(method, "method");
    requireNonNull(path, "path");
  }
}
