package dev.prooflane.examples.shop.http;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.TextNode;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** A client for one downstream service that forwards the incoming context on every call. */
public final class Downstream {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final String service;
  private final URI baseUrl;
  private final TextMapPropagator propagator;

  private static final AtomicBoolean CREATED = new AtomicBoolean();

  private Downstream(String service, URI baseUrl, TextMapPropagator propagator) {
    CREATED.set(true);
    this.service = requireNonNull(service, "service");
    this.baseUrl = requireNonNull(baseUrl, "baseUrl");
    this.propagator = requireNonNull(propagator, "propagator");
  }

  /** Calls {@code service} at {@code baseUrl}, injecting W3C trace context and baggage. */
  public static Downstream to(String service, URI baseUrl) {
    return new Downstream(service, baseUrl, HeaderPropagation.W3C);
  }

  /**
   * The same client with the bug of a service that does not propagate: it sends no trace context
   * and no baggage, so the routing key is lost at this hop.
   */
  public Downstream withoutPropagation() {
    return new Downstream(service, baseUrl, TextMapPropagator.noop());
  }

  /** The path {@code /<resource>/<id>}, with {@code id} percent-encoded as a path segment. */
  public static String path(String resource, String id) {
    return "/" + resource + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The downstream service name. */
  public String service() {
    return service;
  }

  /**
   * Sends {@code GET <baseUrl><path>} on behalf of {@code request} and records the hops the reply
   * reports in it. A failure to connect is a reply with status 0, not an exception.
   */
  public DownstreamReply get(String path, ItemRequest request) throws InterruptedException {
    URI uri = URI.create(baseUrl + path);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(REQUEST_TIMEOUT)
            .header("accept", "application/json")
            .GET();
    propagator.inject(request.context(), builder, HeaderPropagation.SETTER);
    DownstreamReply reply;
    try {
      HttpResponse<String> response =
          SharedClient.INSTANCE.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      reply =
          new DownstreamReply(service, response.statusCode(), Json.parseOrText(response.body()));
    } catch (IOException e) {
      String why = e.getMessage() == null ? "" : ": " + e.getMessage();
      reply =
          new DownstreamReply(
              service,
              0,
              TextNode.valueOf(
                  "no response from " + uri + " (" + e.getClass().getSimpleName() + why + ")"));
    }
    request.addHops(reply.hops());
    return reply;
  }

  /** Creates the shared client now if this process calls downstream services at all. */
  static void warmUp() {
    if (CREATED.get()) {
      SharedClient.INSTANCE.version();
    }
  }

  /** One HTTP/1.1 client per process, created on first use so startup stays fast. */
  private static final class SharedClient {
    static final HttpClient INSTANCE =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }
}
