package dev.prooflane.runtime;

import dev.prooflane.model.RecordPosition;
import java.time.Instant;

/**
 * One hop the router served: the proof of which code answered.
 *
 * @param seq the router's sequence number
 * @param time when it was recorded
 * @param traceId the W3C trace id, or null
 * @param routingKey the key it carried, or null
 * @param service the service of the hop
 * @param destination {@code baseline} or the sandbox name
 * @param method the HTTP method
 * @param path the request path
 * @param status the status returned
 * @param durationMicros how long the hop took
 * @param record for a message consumption: the record and the consumer group ({@code destination}
 *     is the instance that consumed it, {@code method} is {@code CONSUME}, {@code path} the topic);
 *     null for a request
 */
public record HopEntry(
    long seq,
    Instant time,
    String traceId,
    String routingKey,
    String service,
    String destination,
    String method,
    String path,
    int status,
    long durationMicros,
    RecordPosition record) {

  /** A request the router served (no {@link #record()}). */
  public HopEntry(
      long seq,
      Instant time,
      String traceId,
      String routingKey,
      String service,
      String destination,
      String method,
      String path,
      int status,
      long durationMicros) {
    this(
        seq,
        time,
        traceId,
        routingKey,
        service,
        destination,
        method,
        path,
        status,
        durationMicros,
        null);
  }
}
