package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;

/**
 * The head of an answer to a client, and whether the client's connection stays open after it.
 *
 * @param response the head (for {@link #local} answers, the whole answer)
 * @param keepAlive whether the client's connection stays open after the answer
 */
record ClientHead(HttpResponse response, boolean keepAlive) {
  /** The upstream's headers came through the decoder's checks: copies need not check them again. */
  private static final HttpHeadersFactory UNCHECKED =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  /**
   * The head for an upstream's response {@code head} to {@code request}: the upstream's minus
   * hop-by-hop headers, as bytes copied from the upstream's when those are still bytes and keep
   * their framing (a {@code Content-Length}, or no body); otherwise decoded, with chunked framing
   * for a body without {@code Content-Length} (or, to an HTTP/1.0 client, the connection closing
   * after it).
   *
   * @param stream whether the client is an HTTP/2 stream
   * @param keepAlive whether the client's connection may stay open after the answer
   */
  static ClientHead proxied(
      HttpRequest request, HttpResponse head, boolean stream, boolean keepAlive) {
    HttpVersion version = request.protocolVersion();
    boolean bodyless =
        ForwardedHeaders.responseHasNoBody(request.method().name(), head.status().code());
    WireHead wire = head.headers() instanceof WireHeaders raw ? raw.unchanged() : null;
    if (wire != null && !stream && (bodyless || WireForwarding.keepsLength(wire))) {
      String connection =
          !keepAlive ? "close" : version.equals(HttpVersion.HTTP_1_0) ? "keep-alive" : null;
      WireHeaders headers = new WireHeaders(WireForwarding.response(wire, connection));
      return new ClientHead(new DefaultHttpResponse(version, head.status(), headers), keepAlive);
    }
    HttpHeaders headers = UNCHECKED.newHeaders();
    ForwardedHeaders.copyResponse(head.headers(), headers);
    boolean open = keepAlive;
    if (!bodyless && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      if (version.equals(HttpVersion.HTTP_1_0)) {
        open = false; // the body ends when the connection does
      } else {
        headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      }
    }
    connectionHeaders(headers, stream, open, version);
    return new ClientHead(new DefaultHttpResponse(version, head.status(), headers), open);
  }

  /**
   * The HTTP/2 header block for an upstream's response {@code head} to a client's stream, built
   * straight from the upstream's bytes: null when its headers are not those bytes any more, or when
   * {@link WireForwarding#http2Response} leaves it to the decoded path ({@link #proxied}, then the
   * stream's message codec).
   */
  static Http2Headers proxiedToStream(HttpResponse head) {
    WireHead wire = head.headers() instanceof WireHeaders raw ? raw.unchanged() : null;
    return wire == null ? null : WireForwarding.http2Response(wire, head.status().codeAsText());
  }

  /**
   * The router's own answer {@code status} with the JSON {@code body} to {@code request}: for a
   * gRPC call, a trailers-only answer with the matching {@code grpc-status} instead.
   */
  static FullHttpResponse local(
      HttpRequest request,
      boolean grpc,
      int status,
      JsonBody body,
      boolean stream,
      boolean keepAlive) {
    HttpVersion version =
        request.protocolVersion().equals(HttpVersion.HTTP_1_0)
            ? HttpVersion.HTTP_1_0
            : HttpVersion.HTTP_1_1;
    FullHttpResponse answer;
    if (grpc) {
      answer = Grpc.trailersOnly(version, status, body);
    } else {
      ByteBuf bytes = Unpooled.copiedBuffer(body.encode(), StandardCharsets.UTF_8);
      answer = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status), bytes);
      answer.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
    }
    if (!stream) {
      answer.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.content().readableBytes());
    }
    connectionHeaders(answer.headers(), stream, keepAlive, request.protocolVersion());
    return answer;
  }

  /**
   * The headers of an answer to the client that concern its connection: none on an HTTP/2 stream
   * (which frames its bodies itself), {@code Connection: close} when the connection closes after
   * the answer, {@code Connection: keep-alive} when an HTTP/1.0 client's stays open.
   */
  private static void connectionHeaders(
      HttpHeaders headers, boolean stream, boolean keepAlive, HttpVersion clientVersion) {
    if (stream) {
      headers.remove(HttpHeaderNames.TRANSFER_ENCODING).remove(HttpHeaderNames.CONNECTION);
    } else if (!keepAlive) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (clientVersion.equals(HttpVersion.HTTP_1_0)) {
      headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
  }
}
