package dev.prooflane.routing.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.net.InetSocketAddress;
import java.util.function.BiConsumer;

/**
 * The HTTP/2 connection (cleartext, prior knowledge) of one event loop to one upstream that speaks
 * {@code h2c} or {@code grpc}: every exchange is a new stream of it. Closing it is graceful: {@code
 * GOAWAY}, then the open streams finish (up to the router's idle timeout).
 */
final class Http2Upstream {
  /**
   * The codec between the frames of a stream to an upstream and the HTTP/1.1 messages of its
   * exchange: stateless, so one serves every stream (see {@link UpstreamConnection}).
   */
  static final Http2StreamFrameToHttpObjectCodec STREAM_CODEC =
      new Http2StreamFrameToHttpObjectCodec(false, false);

  private final UpstreamPool.LoopPool pool;
  private Channel channel;
  private boolean connected;
  private boolean closed;

  private Http2Upstream(UpstreamPool.LoopPool pool) {
    this.pool = pool;
  }

  /**
   * Connects to {@code address}; {@code ready} hears the connection once it is usable, or null and
   * the failure.
   */
  static Http2Upstream connect(
      Bootstrap bootstrap,
      InetSocketAddress address,
      UpstreamOptions options,
      UpstreamPool.LoopPool pool,
      BiConsumer<Http2Upstream, Throwable> ready) {
    Http2Upstream connection = new Http2Upstream(pool);
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
                        .build())
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
              pool.http2Closed(connection);
            });
    connecting.addListener(
        done -> {
          if (done.isSuccess()) {
            connection.connected = true;
            ready.accept(connection, null);
          } else {
            ready.accept(null, done.cause());
          }
        });
    return connection;
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
