package dev.prooflane.actions.core;

import dev.prooflane.runtime.HopEntry;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request (or gRPC call) an action sent and what came back, with the hops that served it.
 *
 * @param label what the exchange was for ({@code sandbox}, {@code baseline}, {@code control}, ...)
 * @param service the service addressed
 * @param keyed whether the routing key was injected
 * @param method the method
 * @param url the full URL
 * @param requestHeaders the headers sent
 * @param requestBody the body sent, or null
 * @param status the status, or 0 when no response came
 * @param responseHeaders the response headers
 * @param responseBody the body as text (possibly truncated), or null
 * @param durationMillis how long it took
 * @param traceId the trace id sent in {@code traceparent}
 * @param hops the hops recorded for this request
 * @param error why no response came, or null
 */
public record Exchange(
    String label,
    String service,
    boolean keyed,
    String method,
    String url,
    Map<String, List<String>> requestHeaders,
    String requestBody,
    int status,
    Map<String, List<String>> responseHeaders,
    String responseBody,
    double durationMillis,
    String traceId,
    List<HopEntry> hops,
    String error) {}
