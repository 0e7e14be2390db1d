package dev.prooflane.routing.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.DefaultHttp2Connection;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder;
import io.netty.handler.codec.http2.DefaultHttp2ConnectionEncoder;
import io.netty.handler.codec.http2.DefaultHttp2FrameReader;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2RemoteFlowController;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameReader;
import io.netty.handler.codec.http2.Http2PromisedRequestVerifier;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.UniformStreamByteDistributor;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AsciiString;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/2 client connections of a listener (cleartext, with prior knowledge or by {@code Upgrade:
 * h2c}): each stream is served as its own request, routed by its own key, as one exchange ({@link
 * Http2ClientStream}) driven by the connection's frames ({@link Http2Streams}): no channel or
 * pipeline per stream. Flow control is per stream: a stream's body is read only as fast as its
 * upstream takes it.
 *
 * <p>The limits against hostile peers are set here explicitly (so that a Netty upgrade cannot
 * loosen them unnoticed), Netty's except those on what the router sends ({@link Http2SendLimits}):
 * concurrent streams (enforced before the client acknowledges our SETTINGS), header list size,
 * resets per window both ways (rapid reset), small CONTINUATION frames of one header block
 * (CONTINUATION flood), queued control frames (SETTINGS and PING floods whose answers are never
 * read), consecutive empty DATA frames; a connection with no open stream closes after the
 * keep-alive timeout. A peer that breaks one gets a GOAWAY and loses its connection (see
 * docs/security.md, "HTTP/2").
 *
 * <p>The streams' flushes outside the connection's reads go out together (see {@link
 * Http2Flushes}).
 */
final class Http2Connections {
  /** Concurrent streams a client may open on one connection. */
  static final int MAX_CONCURRENT_STREAMS = 1_000;

  /** Stream resets a client may cause per window before the connection closes (rapid reset). */
  static final int MAX_RESETS_PER_WINDOW = 200;

  static final int RESET_WINDOW_SECONDS = 30;

  /**
   * Stream resets the router may send per window before it closes the connection: a client that
   * makes the router refuse stream after stream (oversized headers, streams past the limit).
   */
  static final int MAX_SENT_RESETS_PER_WINDOW = 200;

  /**
   * Non-final fragments under 8 KiB one header block may have (HEADERS without END_HEADERS and each
   * CONTINUATION): a block of small fragments is a CONTINUATION flood, not a large header.
   */
  static final int MAX_SMALL_CONTINUATION_FRAMES = 16;

  /**
   * Control frames (SETTINGS and PING acknowledgements, resets) queued unsent because the client
   * does not read them: a flood of SETTINGS or PING frames ends here instead of in memory.
   */
  static final int MAX_QUEUED_CONTROL_FRAMES = 10_000;

  /** Empty DATA frames in a row without END_STREAM: each costs work and carries nothing. */
  static final int MAX_CONSECUTIVE_EMPTY_DATA_FRAMES = 2;

  private Http2Connections() {}

  /** Serves HTTP/2 on a connection whose preface is next in the pipeline's bytes. */
  static void serve(ChannelPipeline pipeline, String service, NettyRouter router) {
    Http2FrameCodec codec = codec(router);
    String scheme = ClientConnection.schemeOf(pipeline);
    pipeline.addLast(Http2Flushes.NAME, new Http2Flushes());
    pipeline.addLast("h2", codec);
    pipeline.addLast("streams", new Http2Streams(service, router, scheme, codec));
    pipeline.addLast("idle", idleClose(router));
    pipeline.addLast("errors", Http2ConnectionErrors.INSTANCE);
    pipeline.channel().config().setAutoRead(true);
  }

  /**
   * The handler that switches an HTTP/1.1 connection to HTTP/2 on {@code Upgrade: h2c} (RFC 7540
   * section 3.2): it answers {@code 101}, replaces the HTTP/1.1 handlers with the HTTP/2 ones, and
   * the upgrade request becomes stream 1, routed like any other. With an invalid {@code
   * HTTP2-Settings} header it hands the request on, to be served over HTTP/1.1.
   */
  static HttpServerUpgradeHandler upgradeHandler(
      String service, NettyRouter router, String scheme) {
    HttpServerUpgradeHandler.SourceCodec http1 =
        ctx -> {
          ChannelPipeline pipeline = ctx.pipeline();
          // HTTP/2 has its own end of stream: a closed input ends the connection
          pipeline.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
          pipeline.remove("encoder");
          pipeline.remove(ClientInitializer.DEADLINES);
          pipeline.remove("client");
          pipeline.remove("decoder");
          // in front of the HTTP/2 handlers (the upgrade codec adds them behind this handler)
          pipeline.addBefore(ctx.name(), Http2Flushes.NAME, new Http2Flushes());
          ctx.channel().config().setAutoRead(true);
        };
    HttpServerUpgradeHandler.UpgradeCodecFactory http2 =
        protocol -> {
          if (!AsciiString.contentEqualsIgnoreCase(Upgrades.H2C, protocol)) {
            return null;
          }
          Http2FrameCodec codec = codec(router);
          return new Http2ServerUpgradeCodec(
              codec,
              new Http2Streams(service, router, scheme, codec),
              idleClose(router),
              Http2ConnectionErrors.INSTANCE);
        };
    // the upgrade request has no body (see Upgrades)
    return new HttpServerUpgradeHandler(http1, http2, 0);
  }

  private static Http2FrameCodec codec(NettyRouter router) {
    return new CodecBuilder().assemble();
  }

  /**
   * Netty's frame codec built from parts: its connection, reader, decoder and encoder, with the
   * router's frame writer ({@link OneBufferFrameWriter}) and the limits on what the router sends
   * ({@link Http2SendLimits}, which Netty's builder would otherwise add), and a remote flow
   * controller that shares the connection's window among the streams with data in turn ({@link
   * UniformStreamByteDistributor}: the router gives no stream priority, and the weighted
   * distributor's priority tree cost every stream work). The builder adds the limits on what the
   * client sends (resets, empty DATA frames); the reader, the small CONTINUATION frames.
   */
  private static final class CodecBuilder extends Http2FrameCodecBuilder {
    Http2FrameCodec assemble() {
      Http2Settings settings =
          Http2Settings.defaultSettings()
              .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
              .maxHeaderListSize(NettyRouter.MAX_HEADER_BYTES);
      DefaultHttp2Connection connection = new DefaultHttp2Connection(true);
      connection
          .remote()
          .flowController(
              new DefaultHttp2RemoteFlowController(
                  connection, new UniformStreamByteDistributor(connection)));
      Http2ConnectionEncoder encoder =
          new Http2SendLimits(
              new DefaultHttp2ConnectionEncoder(connection, OneBufferFrameWriter.create()),
              MAX_QUEUED_CONTROL_FRAMES,
              MAX_SENT_RESETS_PER_WINDOW,
              RESET_WINDOW_SECONDS);
      Http2FrameReader reader =
          new DefaultHttp2FrameReader(
              new DefaultHttp2HeadersDecoder(true, NettyRouter.MAX_HEADER_BYTES),
              MAX_SMALL_CONTINUATION_FRAMES);
      Http2ConnectionDecoder decoder =
          new DefaultHttp2ConnectionDecoder(
              connection,
              encoder,
              reader,
              Http2PromisedRequestVerifier.ALWAYS_VERIFY,
              true,
              true,
              true,
              false);
      initialSettings(settings);
      gracefulShutdownTimeoutMillis(0);
      decoderEnforceMaxRstFramesPerWindow(MAX_RESETS_PER_WINDOW, RESET_WINDOW_SECONDS);
      decoderEnforceMaxConsecutiveEmptyDataFrames(MAX_CONSECUTIVE_EMPTY_DATA_FRAMES);
      codec(decoder, encoder);
      return build();
    }
  }

  private static IdleStateHandler idleClose(NettyRouter router) {
    return new IdleStateHandler(0, 0, router.keepAliveTimeoutMillis(), TimeUnit.MILLISECONDS) {
      @Override
      protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        Http2FrameCodec codec = ctx.pipeline().get(Http2FrameCodec.class);
        if (codec == null || codec.connection().numActiveStreams() == 0) {
          ctx.close();
        }
      }
    };
  }
}
