package dev.prooflane.routing.internal;

import dev.prooflane.routing.Upstream;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Set;

/** The request head the router sends an upstream for a client's request. */
final class UpstreamRequest {
  /** The request's headers came through the decoder's checks: copies need not check them again. */
  private static final HttpHeadersFactory UNCHECKED =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  /**
   * What the router adds to a forwarded request.
   *
   * @param client the client's address, for {@code X-Forwarded-For}
   * @param hops the request's hop count after this router
   * @param undroppable names {@code Connection} cannot make the router drop
   * @param scheme the client connection's scheme, for {@code X-Forwarded-Proto}
   */
  record Forwarding(String client, int hops, Set<String> undroppable, String scheme) {}

  private UpstreamRequest() {}

  /**
   * The head for {@code upstream}: as bytes copied from the client's (see {@link WireForwarding})
   * when the client's head is still its bytes and goes to an HTTP/1.1 upstream unchanged in its
   * framing; otherwise as headers edited from those bytes (see {@link WireForwarding}) or from the
   * decoded headers (see {@link ForwardedHeaders}), with a WebSocket handshake's upgrade, {@code
   * TE: trailers} for an HTTP/2 upstream, and chunked framing for a body without {@code
   * Content-Length}.
   */
  static HttpRequest of(
      HttpRequest request,
      Upstream upstream,
      boolean webSocket,
      boolean hasBody,
      Forwarding forwarding) {
    HttpRequest wire =
        webSocket || upstream.protocol().http2() ? null : onTheWire(request, hasBody, forwarding);
    return wire != null ? wire : decoded(request, upstream, webSocket, hasBody, forwarding);
  }

  /** The head as bytes, or null when the client's was decoded or its body would lose its length. */
  private static HttpRequest onTheWire(
      HttpRequest request, boolean hasBody, Forwarding forwarding) {
    WireHead wire = request.headers() instanceof WireHeaders headers ? headers.unchanged() : null;
    if (wire == null) {
      return null;
    }
    WireHead head =
        WireForwarding.request(
            wire,
            forwarding.client(),
            forwarding.hops(),
            forwarding.undroppable(),
            forwarding.scheme());
    if (hasBody && head.indexOf(HttpHeaderNames.CONTENT_LENGTH) < 0) {
      return null; // Connection named Content-Length: the decoded path re-frames the body
    }
    return new DefaultHttpRequest(
        HttpVersion.HTTP_1_1, request.method(), request.uri(), new WireHeaders(head));
  }

  /** {@code head} as a whole request without a body (its end included). */
  static FullHttpRequest whole(HttpRequest head) {
    return new DefaultFullHttpRequest(
        head.protocolVersion(),
        head.method(),
        head.uri(),
        Unpooled.EMPTY_BUFFER,
        head.headers(),
        EmptyHttpHeaders.INSTANCE);
  }

  private static HttpRequest decoded(
      HttpRequest request,
      Upstream upstream,
      boolean webSocket,
      boolean hasBody,
      Forwarding forwarding) {
    HttpHeaders headers = UNCHECKED.newHeaders();
    WireHead wire =
        !webSocket && request.headers() instanceof WireHeaders raw ? raw.unchanged() : null;
    if (wire != null) {
      // the same edits on the head's bytes, the fields kept as views of them
      WireForwarding.request(
              wire,
              forwarding.client(),
              forwarding.hops(),
              forwarding.undroppable(),
              forwarding.scheme())
          .addTo(headers);
    } else {
      ForwardedHeaders.toUpstream(
          request.headers(),
          forwarding.client(),
          headers,
          forwarding.hops(),
          forwarding.undroppable(),
          forwarding.scheme());
    }
    if (webSocket) {
      // the handshake's own hop-by-hop headers: the upstream must see the upgrade
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
      headers.set(HttpHeaderNames.UPGRADE, request.headers().get(HttpHeaderNames.UPGRADE));
    }
    if (upstream.protocol().http2() && HeaderNames.wantsTrailers(request.headers())) {
      headers.set(HttpHeaderNames.TE, HttpHeaderValues.TRAILERS);
    }
    DefaultHttpRequest outbound =
        new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.uri(), headers);
    if (hasBody && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      HttpUtil.setTransferEncodingChunked(outbound, true);
    }
    return outbound;
  }
}
