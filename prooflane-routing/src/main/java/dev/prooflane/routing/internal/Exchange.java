package dev.prooflane.routing.internal;

import dev.prooflane.keys.KeyResult;
import dev.prooflane.keys.TraceParent;
import dev.prooflane.routing.HopRecord;
import dev.prooflane.routing.RouteDecision;
import dev.prooflane.routing.Upstream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request through a listener: ask the route table for a {@link RouteDecision}, forward with
 * streamed bodies, stream the answer back, and record the hop once at the end.
 *
 * <p>Everything runs on the event loop of the client's connection, which is also the loop of the
 * upstream connection it uses (see {@link UpstreamPool}).
 */
final class Exchange implements ChannelFutureListener {
  /** How many times a request re-resolves or reconnects before its failure is answered. */
  private static final int MAX_ATTEMPTS = 3;

  private final ClientSide client;
  private final HttpRequest request;
  private final String service;
  private final NettyRouter router;
  private final long startNanos = System.nanoTime();

  /**
   * When the response's last part was handed to the client connection, or 0 before: a hop ends
   * there, not when its record is written, which a busy thread may do later than a caller's (whose
   * own answer could then seem to end before its call's).
   */
  private long endNanos;

  private final Instant startTime = Instant.now();
  private final boolean hasBody;
  private final boolean grpc;
  private final boolean webSocket;
  private final String traceId;
  private String key;
  private String destination = HopRecord.BASELINE;
  private Upstream upstream;
  private RouteDecision.ToFork fork;
  private UpstreamPool pool;
  private UpstreamConnection connection;
  private boolean reusedConnection;
  private int hops;
  private int attempts;
  private boolean lineUnknown;
  private boolean recorded;
  private boolean forwarding;
  private boolean bodySent;
  private boolean requestRead;
  private boolean requestSent;
  private boolean responseStarted;
  private boolean responseRead;
  private boolean upstreamKeepAlive;
  private boolean skippingInformational;
  private boolean awaitingBody;
  private boolean clientKeepAlive;
  private boolean done;
  private int status;
  private Integer grpcStatus;
  private long bytesIn;
  private long bytesOut;
  private ScheduledFuture<?> deadline;

  Exchange(ClientSide client, HttpRequest request, String service, NettyRouter router) {
    this.client = client;
    this.request = request;
    this.service = service;
    this.router = router;
    this.hasBody = ForwardedHeaders.hasBody(request.headers());
    this.grpc = Grpc.isCall(request.headers());
    this.webSocket = !client.isStream() && Upgrades.webSocket(request);
    this.requestRead = !hasBody && request instanceof LastHttpContent;
    this.traceId = TraceParent.traceId(request.headers().get("traceparent"));
    this.clientKeepAlive = HttpUtil.isKeepAlive(request);
    // in flight until record(): readers of the trace's hops wait for it
    router.hopLog().opened(traceId);
  }

  /**
   * Whether its client connection may read ahead while the answer is under way: the request was
   * read to its end and the connection stays HTTP/1.1 (no WebSocket upgrade, whose first frames are
   * the tunnel's).
   */
  boolean letsClientReadAhead() {
    return requestRead && !webSocket && !done;
  }

  void start() {
    if (HttpUtil.is100ContinueExpected(request)) {
      client.writeAndFlush(
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
    }
    Refusal refusal = RequestChecks.head(request, router.maxHeaders());
    if (refusal == null) {
      refusal = RequestChecks.framing(request, hasBody);
    }
    if (refusal == null) {
      refusal = loopCheck();
    }
    if (refusal != null) {
      refuse(refusal, new JsonBody());
      return;
    }
    KeyResult result = router.extractor().extract(new HeadCarriers(request));
    if (result instanceof KeyResult.Invalid invalid) {
      refuse(
          new Refusal(400, "invalid_routing_key", invalid.message(), false),
          new JsonBody().put("carrier", invalid.carrier()));
      return;
    }
    if (result instanceof KeyResult.Present present) {
      key = present.key();
    }
    if (grpc) {
      long timeout = Grpc.timeoutNanos(request.headers().get("grpc-timeout"));
      if (timeout >= 0) {
        deadline = client.loop().schedule(this::deadlineExceeded, timeout, TimeUnit.NANOSECONDS);
      }
    }
    route();
  }

  /**
   * The call's {@code grpc-timeout} passed: the upstream stream is cancelled and the caller gets
   * DEADLINE_EXCEEDED (or a reset, when the answer had started).
   */
  private void deadlineExceeded() {
    if (!done) {
      upstreamFailed(
          new TimeoutException("the call's grpc-timeout passed before the upstream answered"));
    }
  }

  /**
   * Serves the request whose head arrived as {@code message}: refused at once when its decoder
   * could not read it, else started. A message that is also content (a request whole in one
   * message, its content empty, or the decoder's stand-in for a request it could not read) is
   * released: nothing of it is forwarded.
   */
  void begin(HttpRequest message) {
    if (request.decoderResult().isFailure()) {
      refuseMalformed();
    } else {
      start();
    }
    if (message instanceof HttpContent) {
      ReferenceCountUtil.release(message);
    }
  }

  /**
   * Hands {@code message}, a part of a request's body, to {@code current}; false, releasing it,
   * when there is no exchange to take it or it is not a body part: the client side then reads on.
   */
  static boolean takePart(Exchange current, Object message) {
    if (message instanceof HttpContent content && current != null) {
      current.requestContent(content);
      return true;
    }
    ReferenceCountUtil.release(message);
    return false;
  }

  /**
   * Answers a request the HTTP decoder refused (see {@link RequestChecks} for what it refuses):
   * {@code 414} for a request line over the limit, {@code 431} for a head over the limit, {@code
   * 400} for anything else; the connection closes, since what follows cannot be framed.
   */
  private void refuseMalformed() {
    Throwable cause = request.decoderResult().cause();
    lineUnknown =
        cause instanceof TooLongHttpLineException
            || (request.protocolVersion() == HttpVersion.HTTP_1_0
                && "/bad-request".equals(request.uri())
                && request.headers().isEmpty());
    refuse(Refusal.malformed(cause), new JsonBody());
  }

  /**
   * Drops a request that was pipelined behind a refusal that closes the connection: the client sent
   * it before it could read that refusal, and must not have it performed unseen. Nothing is sent
   * (the connection is closing) and the hop is recorded as {@code refused} with status 0.
   */
  void dropBehindRefusal() {
    lineUnknown = request.decoderResult().isFailure();
    destination = HopRecord.REFUSED;
    done = true;
    record(0);
  }

  /** Reads the hop count, refusing a malformed one or one past the limit. */
  private Refusal loopCheck() {
    int arrived = RequestChecks.hops(request.headers());
    hops = arrived + 1;
    return RequestChecks.loop(arrived, router.maxHops(), service);
  }

  private void route() {
    attempts++;
    RouteState state = router.state();
    RouteDecision decision = state.table().decide(service, key);
    destination = decision.destination();
    if (!(decision instanceof RouteDecision.Forward forward)) {
      upstream = null;
      Answer unavailable = Answer.unavailable((RouteDecision.Unavailable) decision);
      reject(unavailable.status(), unavailable.body(), false);
      return;
    }
    upstream = forward.upstream();
    fork = forward instanceof RouteDecision.ToFork toFork ? toFork : null;
    if (webSocket && upstream.protocol().http2()) {
      refuse(
          new Refusal(
              501,
              "unsupported_upgrade",
              "a WebSocket to service '"
                  + service
                  + "', whose instances speak "
                  + upstream.protocol().yamlName()
                  + " (expected: protocol http1 for a service that takes WebSockets)",
              false),
          new JsonBody());
      return;
    }
    pool = state.pools().get(upstream);
    if (pool == null || !pool.acquire(client.loop(), this, webSocket)) {
      retryOrFail(new IllegalStateException("connection pool of " + upstream + " closed"));
    }
  }

  private void retryOrFail(Throwable cause) {
    if (attempts < MAX_ATTEMPTS) {
      route();
    } else {
      answerFailure(cause);
    }
  }

  /** A connection to the upstream is ready: the request goes out on it. */
  void connected(UpstreamConnection ready, boolean reused) {
    if (done) {
      ready.release(true);
      return;
    }
    connection = ready;
    reusedConnection = reused;
    ready.bind(this);
    forwarding = true;
    HttpRequest head =
        UpstreamRequest.of(
            request,
            upstream,
            webSocket,
            hasBody,
            new UpstreamRequest.Forwarding(
                client.clientAddress(), hops, router.undroppable(), client.scheme()));
    if (requestRead) {
      // a whole request without a body: one message, one write
      ready.write(UpstreamRequest.whole(head));
      ready.flush();
      requestSent = true;
    } else {
      ready.write(head);
      client.requestMore();
    }
  }

  /** No connection to the upstream could be made. */
  void connectFailed(Throwable cause) {
    if (done) {
      return;
    }
    if (pool.isShutDown() && attempts < MAX_ATTEMPTS) {
      route();
    } else {
      answerFailure(cause);
    }
  }

  /** A part of the request's body arrived from the client. */
  void requestContent(HttpContent content) {
    if (content.decoderResult().isFailure()) {
      // the client broke its framing mid-body: nothing more of it can be trusted
      content.release();
      requestRead = true;
      abortBoth();
      return;
    }
    boolean last = content instanceof LastHttpContent;
    if (last) {
      requestRead = true;
    }
    if (!forwarding || connection == null) {
      content.release();
      if (last) {
        maybeDone();
      } else {
        client.requestMore();
      }
      return;
    }
    bodySent |= content.content().isReadable();
    bytesIn += content.content().readableBytes();
    connection.write(content);
    connection.flush();
    if (last) {
      requestSent = true;
      maybeDone();
    } else if (connection.isWritable()) {
      client.requestMore();
    }
  }

  /** The upstream connection can take more of the request's body. */
  void upstreamWritable() {
    if (forwarding && !requestRead) {
      client.requestMore();
    }
  }

  /** The client connection can take more of the response. */
  void clientWritable() {
    if (connection != null) {
      connection.reading(true);
    }
  }

  /** Something of the response arrived from the upstream. */
  void upstreamRead(Object message) {
    if (message instanceof HttpResponse head) {
      if (head.decoderResult().isFailure()) {
        ReferenceCountUtil.release(message);
        upstreamFailed(head.decoderResult().cause());
        return;
      }
      int code = head.status().code();
      if (webSocket && code == 101) {
        ReferenceCountUtil.release(message);
        tunnel(head);
        return;
      }
      if (code < 200) {
        // informational answers (100 Continue, 103 Early Hints) stay between router and upstream
        skippingInformational = !(message instanceof LastHttpContent);
        ReferenceCountUtil.release(message);
        return;
      }
      awaitingBody = true;
      if (client.isStream() && toStream(head, message)) {
        return;
      }
      HttpResponse response = respond(head);
      if (message instanceof LastHttpContent whole) {
        // one piece (a gRPC trailers-only answer): it stays one piece
        bytesOut += whole.content().readableBytes();
        noteGrpcStatus(head.headers());
        noteGrpcStatus(whole.trailingHeaders());
        writeLast(
            new DefaultFullHttpResponse(
                response.protocolVersion(),
                response.status(),
                whole.content(),
                response.headers(),
                whole.trailingHeaders()));
      } else {
        client.write(response);
      }
      return;
    }
    if (!(message instanceof HttpContent content)) {
      ReferenceCountUtil.release(message);
      return;
    }
    boolean last = content instanceof LastHttpContent;
    if (skippingInformational) {
      content.release();
      skippingInformational = !last;
      return;
    }
    awaitingBody = false;
    if (content.decoderResult().isFailure()) {
      Throwable cause = content.decoderResult().cause();
      content.release();
      upstreamFailed(cause);
      return;
    }
    bytesOut += content.content().readableBytes();
    if (!last) {
      client.write(content);
      if (!client.isWritable()) {
        connection.reading(false);
      }
      return;
    }
    noteGrpcStatus(((LastHttpContent) content).trailingHeaders());
    writeLast(content);
  }

  /**
   * Answers a client's stream with HTTP/2 frames built straight from the upstream's head bytes (see
   * {@link ClientHead#proxiedToStream}), without the HTTP/1 response and the stream's message codec
   * in between; false, writing nothing, when the head is not for that path (decoded headers,
   * trailers, a field the conversion treats apart).
   */
  private boolean toStream(HttpResponse head, Object message) {
    LastHttpContent whole = message instanceof LastHttpContent last ? last : null;
    if (whole != null && !whole.trailingHeaders().isEmpty()) {
      return false;
    }
    Http2Headers headers = ClientHead.proxiedToStream(head);
    if (headers == null) {
      return false;
    }
    responseStarted = true;
    status = head.status().code();
    upstreamKeepAlive = HttpUtil.isKeepAlive(head);
    if (whole == null) {
      client.write(new DefaultHttp2HeadersFrame(headers, false));
      return true;
    }
    ByteBuf content = whole.content();
    bytesOut += content.readableBytes();
    noteGrpcStatus(head.headers());
    if (!content.isReadable()) {
      content.release();
      writeLast(new DefaultHttp2HeadersFrame(headers, true));
    } else {
      client.write(new DefaultHttp2HeadersFrame(headers, false));
      writeLast(new DefaultHttp2DataFrame(content, true));
    }
    return true;
  }

  /** Keeps the {@code grpc-status} of {@code headers}, if a gRPC call's and there is one. */
  private void noteGrpcStatus(HttpHeaders headers) {
    String value = grpc ? headers.get("grpc-status") : null;
    if (value != null) {
      try {
        grpcStatus = Integer.valueOf(value.trim());
      } catch (NumberFormatException malformed) {
        grpcStatus = null;
      }
    }
  }

  /**
   * The upstream accepted the WebSocket handshake: the client gets its {@code 101}, then both
   * connections leave HTTP and are joined byte for byte; the hop is recorded when the session ends.
   */
  private void tunnel(HttpResponse head) {
    status = 101;
    responseStarted = true;
    done = true;
    UpstreamConnection used = connection;
    connection = null;
    Tunnel.switchTo(
        (ClientConnection) client, // a WebSocket handshake comes over HTTP/1.1 only
        used,
        head,
        ended -> {
          bytesIn += ended.fromClient();
          bytesOut += ended.fromUpstream();
          record(101);
        });
  }

  private void writeLast(Object last) {
    responseRead = true;
    cancelDeadline();
    endNanos = System.nanoTime();
    client.writeAndFlush(last).addListener(this);
    if (!requestRead) {
      // the upstream answered before the request's body was all read: the rest of the body has
      // nowhere to go, so the client connection closes after this answer
      clientKeepAlive = false;
      requestRead = true;
      forwarding = false;
    }
    maybeDone();
  }

  /** The response's last part was written to the client (or failed to be). */
  @Override
  public void operationComplete(ChannelFuture written) {
    record(written.isSuccess() ? status : 0);
  }

  /** The client's response head for the upstream's {@code head}. */
  private HttpResponse respond(HttpResponse head) {
    responseStarted = true;
    status = head.status().code();
    upstreamKeepAlive = HttpUtil.isKeepAlive(head);
    ClientHead answer =
        ClientHead.proxied(
            request, head, client.isStream(), clientKeepAlive && !client.isClosing());
    clientKeepAlive = answer.keepAlive();
    return answer.response();
  }

  /**
   * The upstream's bytes read so far go out to the client (the end of a read burst). A response
   * head that came without any of its body may be an upstream holding the body back for the head's
   * ACK (Nagle): see {@link UpstreamAcks}.
   */
  void flushClient() {
    client.flush();
    if (awaitingBody && connection != null) {
      UpstreamAcks.acknowledgeNow(connection.channel());
    }
  }

  /**
   * The upstream connection failed, closed or timed out while serving this exchange: answered with
   * the error when the response has not started, the client connection aborted otherwise.
   */
  void upstreamFailed(Throwable cause) {
    if (done) {
      return;
    }
    UpstreamConnection failed = connection;
    connection = null;
    forwarding = false;
    if (failed != null) {
      failed.abandon();
    }
    if (responseStarted) {
      abortClient();
      return;
    }
    if (reusedConnection && !bodySent && requestSent && attempts < MAX_ATTEMPTS) {
      // a pooled connection the upstream closed while idle, just as it was reused: the request
      // went nowhere, so it goes out again on another connection
      reusedConnection = false;
      requestSent = false;
      route();
      return;
    }
    answerFailure(cause);
  }

  private void answerFailure(Throwable cause) {
    Answer failure =
        fork != null && Answer.meansDown(cause)
            ? Answer.forkUnreachable(fork, service, key, cause)
            : Answer.upstreamFailed(service, destination, upstream, cause);
    // a request whose body was cut off mid-way leaves bytes the connection cannot frame
    reject(failure.status(), failure.body(), !requestRead);
  }

  /** The client connection closed before the exchange was over. */
  void clientClosed() {
    if (done) {
      return;
    }
    done = true;
    cancelDeadline();
    UpstreamConnection open = connection;
    connection = null;
    if (open != null) {
      open.abandon();
    }
    record(responseStarted ? status : 0);
  }

  /** Answers without routing; the hop is recorded with destination {@code refused}. */
  private void refuse(Refusal refusal, JsonBody extra) {
    destination = HopRecord.REFUSED;
    upstream = null;
    JsonBody body = new JsonBody().put("error", refusal.error()).put("service", service);
    body.mergeIn(extra);
    if (refusal.status() == 508) {
      body.put("hops", hops - 1);
    }
    body.put("message", refusal.message());
    reject(refusal.status(), body, refusal.close());
  }

  /**
   * Answers {@code status} with the JSON {@code body}; with {@code close}, the client connection
   * closes after it and nothing pipelined behind the request is served.
   */
  private void reject(int status, JsonBody body, boolean close) {
    forwarding = false;
    if (close && !client.isStream()) {
      client.closing();
      clientKeepAlive = false;
      requestRead = true;
    }
    if (!client.isOpen()) {
      done = true;
      record(0);
      return;
    }
    responseStarted = true;
    responseRead = true;
    cancelDeadline();
    FullHttpResponse answer =
        ClientHead.local(request, grpc, status, body, client.isStream(), clientKeepAlive);
    this.status = grpc ? 200 : status;
    noteGrpcStatus(answer.headers());
    endNanos = System.nanoTime();
    client.writeAndFlush(answer).addListener(this);
    if (!requestRead) {
      client.requestMore(); // the request's body is read and dropped
    }
    maybeDone();
  }

  private void cancelDeadline() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  private void maybeDone() {
    if (done || !requestRead || !responseRead) {
      return;
    }
    done = true;
    UpstreamConnection used = connection;
    connection = null;
    if (used != null) {
      used.release(requestSent && upstreamKeepAlive);
    }
    client.exchangeDone(this, clientKeepAlive);
  }

  /** Both connections close: the exchange cannot go on (the client broke its framing). */
  private void abortBoth() {
    done = true;
    UpstreamConnection open = connection;
    connection = null;
    if (open != null) {
      open.abandon();
    }
    client.close();
    record(0);
  }

  private void abortClient() {
    done = true;
    cancelDeadline();
    client.close();
    record(status);
  }

  private void record(int sentStatus) {
    if (recorded) {
      return;
    }
    recorded = true;
    router
        .hopLog()
        .add(
            new HopRecord(
                0,
                startTime,
                traceId,
                key,
                service,
                destination,
                upstream == null ? "" : upstream.address(),
                lineUnknown ? "" : request.method().name(),
                lineUnknown ? "" : Paths.path(request.uri()),
                sentStatus,
                ((endNanos != 0 ? endNanos : System.nanoTime()) - startNanos) / 1_000,
                protocol(),
                grpcStatus,
                bytesIn,
                bytesOut));
  }

  private String protocol() {
    if (webSocket && status == 101) {
      return HopRecord.WEBSOCKET;
    }
    if (grpc) {
      return HopRecord.GRPC;
    }
    return client.isStream() ? HopRecord.HTTP2 : HopRecord.HTTP1;
  }
}
