package dev.prooflane.actions.grpc;

import dev.cel.common.values.NullValue;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.expr.Values;
import dev.prooflane.actions.http.HttpOutcome;
import dev.prooflane.actions.http.Redaction;
import dev.prooflane.runtime.HopEntry;
import io.grpc.Status;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one gRPC call gave: its status, the messages received, headers and trailers, the hops that
 * served it, and the exchange recorded as evidence.
 *
 * @param exchange the evidence (secret metadata redacted)
 * @param status the status the call ended with: the server's, or the client's own (such as {@code
 *     DEADLINE_EXCEEDED})
 * @param response the message received as plain values (null when none came) or, for a method that
 *     streams its responses, the list of them
 * @param headers response headers, lower-case name to first value (secrets redacted)
 * @param trailers response trailers, likewise
 * @param truncated whether the call was cancelled because the responses passed the policy's {@code
 *     limits.bytesPerResponse}
 * @param durationMillis from sending to the end of the call
 * @param hops the hops the router recorded with this call's trace id, in the order they arrived
 * @param servedBy {@code baseline} or the sandbox that served the addressed service, or null
 */
public record GrpcOutcome(
    Exchange exchange,
    Status status,
    Object response,
    Map<String, String> headers,
    Map<String, String> trailers,
    boolean truncated,
    double durationMillis,
    List<HopEntry> hops,
    String servedBy) {
  public GrpcOutcome {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    trailers = Collections.unmodifiableMap(new LinkedHashMap<>(trailers));
    hops = List.copyOf(hops);
  }

  /** grpc-java's account of an answer that was not gRPC: {@code HTTP status code 503 ...}. */
  private static final Pattern HTTP_STATUS =
      Pattern.compile("HTTP status code (\\d{3})\\b.*", Pattern.DOTALL);

  /**
   * The outcome of one recorded call, secret metadata redacted in both the evidence and the
   * outputs.
   *
   * @param sent the metadata as sent, by lower-case name
   */
  static GrpcOutcome recorded(
      Redaction redaction,
      PreparedCall prepared,
      String label,
      boolean keyed,
      String url,
      Map<String, String> sent,
      CallRecorder.Recorded recorded,
      double millis,
      String traceId,
      List<HopEntry> hops,
      String servedBy) {
    Map<String, List<String>> headers = redaction.headers(MetadataValues.read(recorded.headers()));
    Map<String, List<String>> trailers =
        redaction.headers(MetadataValues.read(recorded.trailers()));
    List<Object> received =
        recorded.messages().stream().map(m -> JsonMessages.plain(m, prepared.types())).toList();
    Object response =
        prepared.method().isServerStreaming()
            ? received
            : received.isEmpty() ? NullValue.NULL_VALUE : received.get(0);
    List<Object> requests =
        prepared.messages().stream().map(m -> JsonMessages.plain(m, prepared.types())).toList();
    Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
    sent.forEach((name, value) -> requestHeaders.put(name, List.of(value)));
    // the evidence shows the trailers as the wire had them: after the headers, status included
    Map<String, List<String>> responseHeaders = new LinkedHashMap<>(headers);
    trailers.forEach(
        (name, values) ->
            responseHeaders.merge(
                name, values, (a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
    Status status = recorded.status();
    responseHeaders.put("grpc-status", List.of(String.valueOf(status.getCode().value())));
    if (status.getDescription() != null) {
      responseHeaders.put("grpc-message", List.of(status.getDescription()));
    }
    GrpcTarget target = prepared.target();
    Exchange exchange =
        new Exchange(
            label,
            target.service() != null ? target.service() : prepared.call().url().getHost(),
            keyed,
            "POST",
            url,
            redaction.headers(requestHeaders),
            Values.toJson(prepared.call().listGiven() ? requests : requests.get(0)).toString(),
            httpStatus(status),
            responseHeaders,
            Values.toJson(response).toString(),
            millis,
            traceId,
            hops,
            null);
    return new GrpcOutcome(
        exchange,
        status,
        response,
        firstValues(headers),
        firstValues(trailers),
        recorded.truncated(),
        millis,
        hops,
        servedBy);
  }

  /** 200, as gRPC answers, unless grpc-java saw an answer in another status that was not gRPC. */
  private static int httpStatus(Status status) {
    Matcher m = HTTP_STATUS.matcher(status.getDescription() == null ? "" : status.getDescription());
    return m.matches() ? Integer.parseInt(m.group(1)) : 200;
  }

  private static Map<String, String> firstValues(Map<String, List<String>> all) {
    Map<String, String> out = new LinkedHashMap<>();
    all.forEach(
        (name, values) -> {
          if (!values.isEmpty()) {
            out.put(name, values.get(0));
          }
        });
    return out;
  }

  /** The status's code name, such as {@code NOT_FOUND}. */
  public String statusName() {
    return status.getCode().name();
  }

  /** The status's description ({@code grpc-message}), or empty. */
  public String message() {
    return status.getDescription() == null ? "" : status.getDescription();
  }

  /** The outputs of the {@code grpc} action. */
  public Map<String, Object> outputs() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", statusName());
    out.put("code", (long) status.getCode().value());
    out.put("message", message());
    out.put("response", response);
    out.put("headers", new LinkedHashMap<String, Object>(headers));
    out.put("trailers", new LinkedHashMap<String, Object>(trailers));
    out.put("truncated", truncated);
    out.put("durationMillis", durationMillis);
    out.put("hops", HttpOutcome.hopValues(hops));
    out.put("servedBy", servedBy == null ? NullValue.NULL_VALUE : servedBy);
    out.put("traceId", exchange.traceId() == null ? NullValue.NULL_VALUE : exchange.traceId());
    out.put("url", exchange.url());
    return out;
  }
}
