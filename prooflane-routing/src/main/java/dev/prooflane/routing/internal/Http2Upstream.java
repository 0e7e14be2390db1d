package dev.prooflane.routing.internal;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/**
 * The HTTP/2 connection (cleartext, prior knowledge) of one event loop to one upstream that speaks
 * {@code h2c} or {@code grpc}: every exchange is a new stream of it. It is usable once the
 * upstream's first {@code SETTINGS} arrived, so that no stream exceeds its {@code
 * SETTINGS_MAX_CONCURRENT_STREAMS}; the streams beyond that limit wait for a free one. Closing it
 * is graceful: {@code GOAWAY}, then the open streams finish (up to the router's idle timeout).
 */
final class Http2Upstream {
  /**
   * The codec between the frames of a stream to an upstream and the HTTP/1.1 messages of its
   * exchange: stateless, so one serves every stream (see {@link UpstreamConnection}).
   */
  static final Http2StreamFrameToHttpObjectCodec STREAM_CODEC =
      new Http2StreamFrameToHttpObjectCodec(false, false);

  private final UpstreamPool.LoopPool pool;
  private final BiConsumer<Http2Upstream, Throwable> ready;
  private Channel channel;
  private boolean connected;
  private boolean closed;
  private boolean reported;

  private Http2Upstream(UpstreamPool.LoopPool pool, BiConsumer<Http2Upstream, Throwable> ready) {
    this.pool = pool;
    this.ready = ready;
  }

  /**
   * Connects to {@code address}; {@code ready} hears, once, the connection when the upstream's
   * {@code SETTINGS} arrived, or null and the failure: the connect's, the connection's close, or no
   * {@code SETTINGS} within the bootstrap's connect timeout (not an HTTP/2 server).
   */
  static Http2Upstream connect(
      Bootstrap bootstrap,
      InetSocketAddress address,
      UpstreamOptions options,
      UpstreamPool.LoopPool pool,
      BiConsumer<Http2Upstream, Throwable> ready) {
    Http2Upstream connection = new Http2Upstream(pool, ready);
    bootstrap.handler(
        new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel channel) {
            channel
                .pipeline()
                .addLast(Http2Flushes.NAME, new Http2Flushes())
                .addLast(
                    "h2",
                    Http2FrameCodecBuilder.forClient()
                        .initialSettings(
                            Http2Settings.defaultSettings()
                                .pushEnabled(false)
                                .maxHeaderListSize(NettyRouter.MAX_HEADER_BYTES))
                        .gracefulShutdownTimeoutMillis(options.idleTimeoutMillis())
                        // streams beyond the upstream's SETTINGS_MAX_CONCURRENT_STREAMS wait
                        // for a free one instead of failing (StreamBufferingEncoder)
                        .encoderEnforceMaxConcurrentStreams(true)
                        .build())
                .addLast("settings", connection.new FirstSettings())
                // an upstream cannot open streams towards the router (push is off)
                .addLast("streams", new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()))
                .addLast("errors", Http2ConnectionErrors.INSTANCE);
          }
        });
    ChannelFuture connecting = bootstrap.connect(address);
    // the channel is known before either listener can run (a loopback connect may complete at once)
    connection.channel = connecting.channel();
    connection
        .channel
        .closeFuture()
        .addListener(
            done -> {
              connection.closed = true;
              connection.report(
                  new UpstreamClosedException(
                      "the upstream closed the connection before its HTTP/2 SETTINGS"));
              pool.http2Closed(connection);
            });
    connecting.addListener(
        done -> {
          if (!done.isSuccess()) {
            connection.report(done.cause());
          } else {
            // as long again as a connect may take
            int timeout = connection.channel.config().getConnectTimeoutMillis();
            connection
                .channel
                .eventLoop()
                .schedule(connection::settingsLate, timeout, MILLISECONDS);
          }
        });
    return connection;
  }

  private void settingsLate() {
    if (!reported) {
      report(
          new ConnectTimeoutException(
              "no HTTP/2 SETTINGS from the upstream after the connect (does it speak h2c?)"));
      channel.close();
    }
  }

  /** Tells {@link #ready} the outcome, once: a failure, or (null) that the connection is usable. */
  private void report(Throwable failure) {
    if (reported) {
      return;
    }
    reported = true;
    if (failure == null) {
      connected = true;
      ready.accept(this, null);
    } else {
      ready.accept(null, failure);
    }
  }

  /**
   * Makes the connection usable when the upstream's first {@code SETTINGS} arrives, then leaves.
   */
  private final class FirstSettings extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof Http2SettingsFrame) {
        ctx.pipeline().remove(this);
        report(null);
      }
      ctx.fireChannelRead(msg);
    }
  }

  /** Whether it is still connecting: exchanges wait for it. */
  boolean isConnecting() {
    return !connected && !closed;
  }

  boolean isOpen() {
    return connected && !closed && channel.isActive();
  }

  /** Opens a stream for {@code exchange}: {@link Exchange#connected} once it is open. */
  void open(Exchange exchange, UpstreamOptions options) {
    UpstreamConnection stream = new UpstreamConnection(pool, options, true);
    new Http2StreamChannelBootstrap(channel)
        .handler(stream.initializer())
        .open()
        .addListener(
            opened -> {
              if (opened.isSuccess()) {
                exchange.connected(stream, false);
              } else {
                exchange.connectFailed(opened.cause());
              }
            });
  }

  /** Closes gracefully: no new stream, the open ones finish. */
  void close() {
    channel.close();
  }
}
