package dev.prooflane.actions.http;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.Destination;
import dev.prooflane.actions.core.HostResolver;
import dev.prooflane.model.ProoflaneException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a {@link UrlCall} to an external host the policy allows. Each request connects to exactly
 * the address the policy checked (no second DNS lookup), on a new connection; redirects are
 * followed only after the policy admits their target too. Thread-safe.
 */
final class ExternalClient {
  /** The most redirects one call follows. */
  static final int MAX_REDIRECTS = 5;

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  /** Sent to the first host only: a redirect elsewhere must not carry them. */
  private static final Set<String> CREDENTIALS =
      Set.of("authorization", "proxy-authorization", "cookie");

  private final HostResolver resolver;
  private final Redaction redaction;
  private final HttpClientOptions options;
  private HttpClient client;

  ExternalClient(HostResolver resolver, Redaction redaction, HttpClientOptions options) {
    this.resolver = requireNonNull(resolver, "resolver");
    this.redaction = requireNonNull(redaction, "redaction");
    this.options = new HttpClientOptions(requireNonNull(options, "options")).setKeepAlive(false);
  }

  HttpOutcome send(UrlCall call, String label, ActionContext context) throws InterruptedException {
    Map<String, String> headers = new LinkedHashMap<>(call.headers());
    String bodyText = HttpCall.bodyText(call.body());
    if (bodyText != null) {
      headers.putIfAbsent("content-type", HttpCall.impliedContentType(call.body()));
    }
    String method = call.method();
    URI url = call.url();
    long start = System.nanoTime();
    for (int redirects = 0; ; redirects++) {
      Duration timeout = context.timeLeft("call " + url);
      Destination destination = context.guard().admitUrl(context.stepId(), method, url, resolver);
      Response response =
          exchange(
              destination, method, headers, bodyText, timeout, context.guard().bytesPerResponse());
      String location = response.header("location");
      if (!call.followRedirects()
          || !REDIRECTS.contains(response.status())
          || location == null
          || redirects == MAX_REDIRECTS) {
        double millis = (System.nanoTime() - start) / 1_000_000.0;
        return outcome(label, method, url, headers, bodyText, response, millis, context);
      }
      URI next;
      try {
        next = url.resolve(location);
      } catch (IllegalArgumentException e) {
        throw new ProoflaneException(
            url + " answered " + response.status() + " with an invalid Location '" + location + "'",
            e);
      }
      if (!sameOrigin(url, next)) {
        headers.keySet().removeAll(CREDENTIALS);
      }
      if (response.status() == 303
          || ((response.status() == 301 || response.status() == 302) && !method.equals("HEAD"))) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
          method = "GET";
          bodyText = null;
          headers.remove("content-type");
        }
      }
      url = next;
    }
  }

  private HttpOutcome outcome(
      String label,
      String method,
      URI url,
      Map<String, String> sent,
      String bodyText,
      Response response,
      double millis,
      ActionContext context) {
    ResponseBody body;
    try {
      body =
          ResponseBody.read(
              new ByteArrayInputStream(response.body()),
              response.header("content-type"),
              context.guard().bytesPerResponse());
    } catch (IOException e) {
      throw new IllegalStateException("reading bytes in memory", e);
    }
    return HttpOutcome.redacted(
        redaction,
        label,
        url.getHost(),
        false,
        method,
        url.toString(),
        sent,
        bodyText,
        response.status(),
        response.headers(),
        body,
        millis,
        null,
        List.of(),
        null);
  }

  /** One request and its response, on a connection to exactly {@code destination.address()}. */
  private Response exchange(
      Destination destination,
      String method,
      Map<String, String> headers,
      String bodyText,
      Duration timeout,
      int bytesKept)
      throws InterruptedException {
    String host = destination.host();
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.valueOf(method))
            .setHost(host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
            .setPort(destination.port())
            .setSsl(destination.tls())
            .setURI(target(destination.url()))
            .setServer(
                SocketAddress.inetSocketAddress(
                    destination.port(), destination.address().getHostAddress()))
            .setConnectTimeout(Math.min(5_000, timeout.toMillis()))
            // a server that stops answering must not hold the connection after the step gave up
            .setIdleTimeout(timeout.toMillis())
            .setFollowRedirects(false);
    headers.forEach(request::putHeader);
    // one byte more than is kept tells whether the body was cut
    int cap = bytesKept + 1;
    HttpClient client = client();
    Promise<Response> answered = Promise.promise();
    // The chain is built on the event loop: built from this thread, a response that arrived
    // whole before collect's handlers were set would have ended already (IllegalStateException).
    Shared.VERTX
        .getOrCreateContext()
        .runOnContext(
            v ->
                client
                    .request(request)
                    .compose(
                        r ->
                            r.send(
                                bodyText == null
                                    ? Buffer.buffer()
                                    : Buffer.buffer(bodyText.getBytes(StandardCharsets.UTF_8))))
                    .compose(r -> collect(r, cap))
                    .onComplete(answered));
    Future<Response> future = answered.future();
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw destination.unreachable("no response within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw destination.unreachable(
          cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
  }

  private static Future<Response> collect(HttpClientResponse response, int cap) {
    Promise<Response> done = Promise.promise();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(done::tryFail);
    response.handler(
        chunk -> {
          if (body.length() < cap) {
            body.appendBuffer(chunk, 0, Math.min(chunk.length(), cap - body.length()));
          }
          if (body.length() >= cap && done.tryComplete(Response.of(response, body))) {
            response.request().reset();
          }
        });
    response.endHandler(v -> done.tryComplete(Response.of(response, body)));
    return done.future();
  }

  private static String target(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && a.getPort() == b.getPort();
  }

  /** A response as received: status, headers by lower-case name, the body up to the cap. */
  private record Response(int status, Map<String, List<String>> headers, byte[] body) {
    static Response of(HttpClientResponse r, Buffer body) {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      r.headers()
          .forEach(
              e ->
                  headers
                      .computeIfAbsent(e.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                      .add(e.getValue()));
      return new Response(r.statusCode(), headers, body.getBytes());
    }

    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client = Shared.VERTX.createHttpClient(options);
    }
    return client;
  }

  /** One Vert.x instance for every external call, on daemon threads, made when first needed. */
  private static final class Shared {
    static final Vertx VERTX =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)
                .setUseDaemonThread(true));
  }
}
