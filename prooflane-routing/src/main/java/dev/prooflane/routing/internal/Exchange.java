package dev.prooflane.routing.internal;

import dev.prooflane.routing.HopRecord;
import dev.prooflane.routing.RouteDecision;
import dev.prooflane.routing.Upstream;
import dev.prooflane.routing.key.KeyResult;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.Pipe;
import java.time.Instant;

/**
 * One request through a listener: ask the route table for a {@link RouteDecision}, forward with
 * streamed bodies, stream the answer back, and record the hop once at the end.
 */
final class Exchange {
  /** How many times a request re-resolves when its pool was shut down by a route change. */
  private static final int MAX_ATTEMPTS = 3;

  private final HttpServerRequest request;
  private final String service;
  private final VertxRouter router;
  private final long startNanos = System.nanoTime();
  private final Instant startTime = Instant.now();
  private final boolean hasBody;
  private final String traceId;
  private String key;
  private String destination = HopRecord.BASELINE;
  private Upstream upstream;
  private RouteDecision.ToFork fork;
  private HttpClientRequest upstreamRequest;
  private int hops;
  private boolean lineUnknown;
  private boolean recorded;

  Exchange(HttpServerRequest request, String service, VertxRouter router) {
    this.request = request;
    this.service = service;
    this.router = router;
    this.hasBody = ForwardedHeaders.hasBody(request.headers());
    this.traceId = TraceParent.traceId(request.getHeader("traceparent"));
    // in flight until record(): readers of the trace's hops wait for it
    router.hopLog().opened(traceId);
    if (hasBody) {
      request.pause();
    }
  }

  void start() {
    if (ClosingMark.isSet(request.connection())) {
      dropBehindRefusal();
      return;
    }
    Refusal refusal = RequestChecks.head(request, router.maxHeaders());
    if (refusal == null) {
      refusal = RequestChecks.framing(request, hasBody);
    }
    if (refusal == null) {
      refusal = loopCheck();
    }
    if (refusal != null) {
      refuse(refusal, new JsonObject());
      return;
    }
    KeyResult result = router.extractor().extract(new VertxCarriers(request));
    if (result instanceof KeyResult.Invalid invalid) {
      refuse(
          new Refusal(400, "invalid_routing_key", invalid.message(), false),
          new JsonObject().put("carrier", invalid.carrier()));
      return;
    }
    if (result instanceof KeyResult.Present present) {
      key = present.key();
    }
    route(1);
  }

  /**
   * Answers a request the HTTP decoder refused (see {@link RequestChecks} for what it refuses):
   * {@code 414} for a request line over the limit, {@code 431} for a head over the limit, {@code
   * 400} for anything else; the connection closes, since what follows cannot be framed.
   */
  void refuseMalformed() {
    Throwable cause = request.decoderResult().cause();
    lineUnknown =
        cause instanceof TooLongHttpLineException
            || (request.version() == HttpVersion.HTTP_1_0
                && "/bad-request".equals(request.uri())
                && request.headers().isEmpty());
    if (ClosingMark.isSet(request.connection())) {
      dropBehindRefusal();
      return;
    }
    refuse(Refusal.malformed(cause), new JsonObject());
  }

  /**
   * Drops a request that was pipelined behind a refusal that closes the connection: the client sent
   * it before it could read that refusal, and must not have it performed unseen. Nothing is sent
   * (the connection is closing) and the hop is recorded as {@code refused} with status 0.
   */
  private void dropBehindRefusal() {
    destination = HopRecord.REFUSED;
    record(0);
  }

  /** Reads the hop count, refusing a malformed one or one past the limit. */
  private Refusal loopCheck() {
    int arrived = RequestChecks.hops(request.headers());
    hops = arrived + 1;
    return RequestChecks.loop(arrived, router.maxHops(), service);
  }

  private void route(int attempt) {
    RouteState state = router.state();
    RouteDecision decision = state.table().decide(service, key);
    destination = decision.destination();
    if (!(decision instanceof RouteDecision.Forward forward)) {
      upstream = null;
      Answer unavailable = Answer.unavailable((RouteDecision.Unavailable) decision);
      reject(unavailable.status(), unavailable.body());
      return;
    }
    upstream = forward.upstream();
    fork = forward instanceof RouteDecision.ToFork toFork ? toFork : null;
    UpstreamClient pool = state.clients().get(upstream);
    HttpClientAgent client = pool == null ? null : pool.acquire();
    if (client == null) {
      retryOrFail(attempt, new IllegalStateException("connection pool of " + upstream + " closed"));
      return;
    }
    Future<HttpClientRequest> connecting;
    try {
      connecting = client.request(requestOptions());
    } catch (IllegalStateException closed) {
      retryOrFail(attempt, closed);
      return;
    }
    connecting.onComplete(
        connected -> {
          if (connected.failed()) {
            if (pool.isShutDown() && attempt < MAX_ATTEMPTS) {
              route(attempt + 1);
            } else {
              upstreamFailed(connected.cause());
            }
            return;
          }
          send(connected.result());
        });
  }

  private void retryOrFail(int attempt, Throwable cause) {
    if (attempt < MAX_ATTEMPTS) {
      route(attempt + 1);
    } else {
      upstreamFailed(cause);
    }
  }

  private RequestOptions requestOptions() {
    return new RequestOptions()
        .setMethod(request.method())
        .setHost(upstream.host())
        .setPort(upstream.port())
        .setURI(request.uri())
        .setIdleTimeout(router.idleTimeoutMillis());
  }

  private void send(HttpClientRequest outbound) {
    upstreamRequest = outbound;
    // Written straight into the outbound request: a MultiMap in RequestOptions is copied again.
    ForwardedHeaders.toUpstream(request, outbound.headers(), hops, router.undroppable());
    if (hasBody) {
      if (!outbound.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
        outbound.setChunked(true);
      }
      Pipe<io.vertx.core.buffer.Buffer> pipe = request.pipe();
      pipe.endOnFailure(false);
      pipe.to(outbound)
          .onFailure(
              cause -> {
                outbound.reset(0, cause);
                abortDownstream();
              });
    } else {
      outbound.end();
    }
    outbound
        .response()
        .onComplete(
            answered -> {
              if (answered.succeeded()) {
                UpstreamAcks.acknowledgeNow(outbound.connection());
                respond(answered.result());
              } else {
                upstreamFailed(answered.cause());
              }
            });
  }

  private void respond(HttpClientResponse answer) {
    HttpServerResponse response = request.response();
    response.setStatusCode(answer.statusCode());
    String reason = answer.statusMessage();
    if (reason != null) {
      response.setStatusMessage(reason);
    }
    ForwardedHeaders.copyResponse(answer.headers(), response.headers());
    if (ForwardedHeaders.responseHasNoBody(request.method().name(), answer.statusCode())) {
      answer.end().onComplete(done -> response.end().onComplete(ended -> record()));
      return;
    }
    if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
      response.setChunked(true);
    }
    Pipe<io.vertx.core.buffer.Buffer> pipe = answer.pipe();
    pipe.endOnFailure(false);
    pipe.to(response)
        .onComplete(
            streamed -> {
              if (streamed.failed()) {
                upstreamRequest.reset(0, streamed.cause());
                abortDownstream();
              }
              record();
            });
  }

  private void upstreamFailed(Throwable cause) {
    HttpServerResponse response = request.response();
    if (response.headWritten() || response.ended() || response.closed()) {
      abortDownstream();
      record();
      return;
    }
    Answer failure =
        fork != null && Answer.meansDown(cause)
            ? Answer.forkUnreachable(fork, service, key, cause)
            : Answer.upstreamFailed(service, destination, upstream, cause);
    reject(failure.status(), failure.body());
  }

  /** Answers without routing; the hop is recorded with destination {@code refused}. */
  private void refuse(Refusal refusal, JsonObject extra) {
    destination = HopRecord.REFUSED;
    upstream = null;
    JsonObject body =
        new JsonObject().put("error", refusal.error()).put("service", service).mergeIn(extra);
    if (refusal.status() == 508) {
      body.put("hops", hops - 1);
    }
    body.put("message", refusal.message());
    if (refusal.close()) {
      // Before the answer is written: Vert.x starts a pipelined request as soon as it ends.
      ClosingMark.set(request.connection());
      request.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    reject(refusal.status(), body);
    if (refusal.close()) {
      request.connection().close();
    }
  }

  private void reject(int status, JsonObject body) {
    if (hasBody) {
      request.resume();
    }
    HttpServerResponse response = request.response();
    if (response.closed()) {
      record(0);
      return;
    }
    // A client that broke its framing mid-body is dropped before this answer leaves: then
    // nothing was sent, and the hop says so with status 0.
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(body.encode())
        .onComplete(done -> record(done.succeeded() ? status : 0));
  }

  private void abortDownstream() {
    HttpServerResponse response = request.response();
    if (!response.closed()) {
      response.reset();
    }
  }

  private void record() {
    HttpServerResponse response = request.response();
    record(response.headWritten() ? response.getStatusCode() : 0);
  }

  private void record(int sentStatus) {
    if (recorded) {
      return;
    }
    recorded = true;
    router
        .hopLog()
        .add(
            startTime,
            traceId,
            key,
            service,
            destination,
            upstream == null ? "" : upstream.address(),
            lineUnknown ? "" : request.method().name(),
            lineUnknown || request.path() == null ? "" : request.path(),
            sentStatus,
            (System.nanoTime() - startNanos) / 1_000);
  }
}
