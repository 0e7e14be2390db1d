package dev.prooflane.routing;

import static java.util.Objects.requireNonNull;

import dev.prooflane.model.RecordPosition;
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
 * @param durationMicros from request arrival to the end of the response (when its last part was
 *     handed to the client connection; the end of the session, for a WebSocket)
 * @param protocol how the client spoke: {@value #HTTP1}, {@value #HTTP2}, {@value #GRPC} (a gRPC
 *     call, over HTTP/2) or {@value #WEBSOCKET} (a session after its handshake)
 * @param grpcStatus the gRPC status the call ended with, or null when it is not a gRPC call or
 *     ended without one
 * @param bytesIn body bytes from the client (for a WebSocket: every byte after the handshake)
 * @param bytesOut body bytes to the client (likewise)
 * @param record for a message consumption ({@value #KAFKA}): the record consumed and the consumer
 *     group; null for an exchange that passed the router
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
    long durationMicros,
    String protocol,
    Integer grpcStatus,
    long bytesIn,
    long bytesOut,
    RecordPosition record) {

  /** The {@link #destination()} of requests sent to the baseline. */
  public static final String BASELINE = "baseline";

  /** The {@link #destination()} of requests the router refused to route. */
  public static final String REFUSED = "refused";

  /** The {@link #protocol()} of an HTTP/1.x exchange. */
  public static final String HTTP1 = "http/1.1";

  /** The {@link #protocol()} of an HTTP/2 stream that is not a gRPC call. */
  public static final String HTTP2 = "h2";

  /** The {@link #protocol()} of a gRPC call. */
  public static final String GRPC = "grpc";

  /** The {@link #protocol()} of a WebSocket session. */
  public static final String WEBSOCKET = "websocket";

  /** The {@link #protocol()} of a record consumption (see {@link #record()}). */
  public static final String KAFKA = "kafka";

  public HopRecord {
    requireNonNull(time, "time");
    requireNonNull(service, "service");
    requireNonNull(destination, "destination");
    requireNonNull(upstream, "upstream");
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    requireNonNull(protocol, "protocol");
  }

  /** An exchange that passed the router (no {@link #record()}). */
  public HopRecord(
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
      long durationMicros,
      String protocol,
      Integer grpcStatus,
      long bytesIn,
      long bytesOut) {
    this(
        seq,
        time,
        traceId,
        routingKey,
        service,
        destination,
        upstream,
        method,
        path,
        status,
        durationMicros,
        protocol,
        grpcStatus,
        bytesIn,
        bytesOut,
        null);
  }

  /** This record at position {@code next} of the log. */
  public HopRecord withSeq(long next) {
    return new HopRecord(
        next,
        time,
        traceId,
        routingKey,
        service,
        destination,
        upstream,
        method,
        path,
        status,
        durationMicros,
        protocol,
        grpcStatus,
        bytesIn,
        bytesOut,
        record);
  }
}
