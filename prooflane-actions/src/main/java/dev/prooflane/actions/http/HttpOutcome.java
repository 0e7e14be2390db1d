package dev.prooflane.actions.http;

import dev.cel.common.values.NullValue;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.runtime.HopEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one request to a service gave: the response, the hops that served it, and the exchange
 * recorded as evidence.
 *
 * @param exchange the evidence (secrets redacted)
 * @param status the status
 * @param headers response headers, lower-case name to first value (secrets redacted)
 * @param body the parsed JSON body, or the text
 * @param bodyText the body as text
 * @param json whether the body is JSON
 * @param truncated whether the body was cut at 1 MiB
 * @param durationMillis from sending to the end of the body
 * @param hops the hops the router recorded with this request's trace id, in the order they arrived
 * @param servedBy {@code baseline} or the sandbox name that served the addressed service (its first
 *     hop), or null when the router recorded no hop for it
 */
public record HttpOutcome(
    Exchange exchange,
    int status,
    Map<String, String> headers,
    Object body,
    String bodyText,
    boolean json,
    boolean truncated,
    double durationMillis,
    List<HopEntry> hops,
    String servedBy) {
  public HttpOutcome {
    headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    hops = List.copyOf(hops);
  }

  /**
   * The outcome of one request and its response, secret headers redacted in both the evidence and
   * the outputs.
   *
   * @param sent the request headers as sent, by lower-case name
   * @param received the response headers as received, by lower-case name
   */
  static HttpOutcome redacted(
      Redaction redaction,
      String label,
      String service,
      boolean keyed,
      String method,
      String url,
      Map<String, String> sent,
      String bodyText,
      int status,
      Map<String, List<String>> received,
      ResponseBody body,
      double millis,
      String traceId,
      List<HopEntry> hops,
      String servedBy) {
    Map<String, List<String>> responseHeaders = redaction.headers(received);
    Map<String, String> firstValues = new LinkedHashMap<>();
    responseHeaders.forEach(
        (name, values) -> {
          if (!values.isEmpty()) {
            firstValues.put(name, values.get(0));
          }
        });
    Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
    sent.forEach((name, value) -> requestHeaders.put(name, List.of(value)));
    Exchange exchange =
        new Exchange(
            label,
            service,
            keyed,
            method,
            url,
            redaction.headers(requestHeaders),
            bodyText,
            status,
            responseHeaders,
            body.text(),
            millis,
            traceId,
            hops,
            null);
    return new HttpOutcome(
        exchange,
        status,
        firstValues,
        body.value(),
        body.text(),
        body.json(),
        body.truncated(),
        millis,
        hops,
        servedBy);
  }

  /** The outputs of the {@code http} action. */
  public Map<String, Object> outputs() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", (long) status);
    out.put("headers", new LinkedHashMap<String, Object>(headers));
    out.put("body", body);
    out.put("bodyText", bodyText);
    out.put("truncated", truncated);
    out.put("durationMillis", durationMillis);
    out.put("hops", hopValues(hops));
    out.put("servedBy", orNull(servedBy));
    out.put("traceId", orNull(exchange.traceId()));
    out.put("url", exchange.url());
    return out;
  }

  /** Hops as plain values: service, destination, status, routingKey. */
  public static List<Object> hopValues(List<HopEntry> hops) {
    List<Object> out = new ArrayList<>();
    for (HopEntry h : hops) {
      Map<String, Object> hop = new LinkedHashMap<>();
      hop.put("service", h.service());
      hop.put("destination", h.destination());
      hop.put("status", (long) h.status());
      hop.put("routingKey", orNull(h.routingKey()));
      out.add(hop);
    }
    return out;
  }

  private static Object orNull(String value) {
    return value == null ? NullValue.NULL_VALUE : value;
  }
}
