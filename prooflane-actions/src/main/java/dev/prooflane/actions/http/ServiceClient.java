package dev.prooflane.actions.http;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.RequestGuard;
import dev.prooflane.model.KeyNames;
import dev.prooflane.runtime.HopEntry;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.runtime.SandboxInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends an {@link HttpCall} to a service through the router, keyed or not, and collects the
 * response, the hops that served it, and a redacted {@link Exchange}. Thread-safe.
 */
public final class ServiceClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(CONNECT_TIMEOUT)
          .build();

  private final Redaction redaction;

  public ServiceClient(Redaction redaction) {
    this.redaction = requireNonNull(redaction, "redaction");
  }

  /**
   * Sends {@code call}; with {@code keyed}, the run's sandbox key goes in every configured form.
   *
   * @param label what the exchange is for; also part of the derived trace id
   * @throws ServiceUnreachableException when no response came
   * @throws dev.prooflane.actions.policy.PolicyRefusedException when the run's policy refuses it
   *     (nothing is sent)
   */
  public HttpOutcome send(HttpCall call, boolean keyed, String label, ActionContext context)
      throws InterruptedException {
    RuntimeAccess runtime = context.runtime();
    KeyNames names = runtime.keyNames();
    String key = null;
    if (keyed) {
      key =
          context
              .sandbox()
              .map(SandboxInfo::key)
              .orElseThrow(() -> new IllegalStateException("a keyed request needs a sandbox"))
              .value();
    }
    RequestGuard guard = context.guard();
    guard.admitRequest(context.stepId(), call.method(), call.service(), call.path(), key != null);
    String url = url(runtime.serviceUri(call.service()), call, names, key);
    Map<String, String> headers = new LinkedHashMap<>(call.headers());
    if (key != null) {
      KeyInjection.headers(headers, names, key);
    }
    String traceId;
    if (headers.containsKey("traceparent")) {
      traceId = TraceContext.traceIdOf(headers.get("traceparent")).orElse(null);
    } else {
      TraceContext trace = TraceContext.derive(context.runId(), context.stepId(), label);
      headers.put("traceparent", trace.header());
      traceId = trace.traceId();
    }
    String bodyText = call.bodyText();
    if (bodyText != null) {
      headers.putIfAbsent("content-type", call.impliedContentType());
    }
    Duration timeout = context.timeLeft("call service '" + call.service() + "'");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .method(
                call.method(),
                bodyText == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(bodyText, StandardCharsets.UTF_8));
    headers.forEach(request::header);

    long hopCursor = runtime.hopCursor();
    long start = System.nanoTime();
    HttpResponse<InputStream> response;
    ResponseBody body;
    try {
      response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      body =
          ResponseBody.read(
              response.body(),
              response.headers().firstValue("content-type").orElse(null),
              guard.bytesPerResponse());
    } catch (HttpConnectTimeoutException e) {
      throw new ServiceUnreachableException(
          call.service(), url, "could not connect within " + CONNECT_TIMEOUT.toSeconds() + "s", e);
    } catch (HttpTimeoutException e) {
      throw new ServiceUnreachableException(
          call.service(), url, "no response within " + timeout.toMillis() + " ms", e);
    } catch (ConnectException e) {
      throw new ServiceUnreachableException(call.service(), url, "connection refused", e);
    } catch (IOException e) {
      throw new ServiceUnreachableException(
          call.service(), url, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    double millis = (System.nanoTime() - start) / 1_000_000.0;

    List<HopEntry> hops = RouterHops.await(runtime, hopCursor, traceId, call.service(), context);
    String servedBy = RouterHops.servedBy(hops, call.service());
    Map<String, List<String>> received = new LinkedHashMap<>();
    response
        .headers()
        .map()
        .forEach((name, values) -> received.put(name.toLowerCase(Locale.ROOT), values));
    return HttpOutcome.redacted(
        redaction,
        label,
        call.service(),
        key != null,
        call.method(),
        url,
        headers,
        bodyText,
        response.statusCode(),
        received,
        body,
        millis,
        traceId,
        hops,
        servedBy);
  }

  /** The service's router address, the path, the query parameters and the key parameter. */
  private static String url(URI base, HttpCall call, KeyNames names, String key) {
    String root = base.toString();
    if (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    int q = call.path().indexOf('?');
    String path = q < 0 ? call.path() : call.path().substring(0, q);
    List<String> params = new ArrayList<>();
    if (q >= 0) {
      for (String p : call.path().substring(q + 1).split("&")) {
        if (!p.isEmpty()) {
          params.add(p);
        }
      }
    }
    call.query().forEach((name, values) -> values.forEach(v -> params.add(param(name, v))));
    if (key != null && names.query().isPresent()) {
      String name = names.query().get();
      params.removeIf(p -> decode(p.split("=", 2)[0]).equals(name));
      params.add(param(name, key));
    }
    return root + path + (params.isEmpty() ? "" : "?" + String.join("&", params));
  }

  private static String param(String name, String value) {
    return encode(name) + "=" + encode(value);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A query parameter's name or value decoded; as it is when it is not well encoded. */
  static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}
