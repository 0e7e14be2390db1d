package dev.prooflane.local.process;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2ChannelDuplexHandler;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request over HTTP/2 in cleartext with prior knowledge, on a connection of its own (Netty's
 * HTTP/2 codec, already on the class path for the router): the answer is read to its end, then the
 * connection is closed politely ({@code GOAWAY}). The JDK's client cannot do this: it speaks h2c
 * only after an HTTP/1.1 {@code Upgrade}, which gRPC servers do not accept.
 */
final class H2cExchange extends Http2ChannelDuplexHandler {
  /** The most of an answer's body kept; the rest is read and dropped (a health answer is small). */
  static final int MAX_BODY = 64 * 1024;

  /** The bytes {@code HTTP/} start an HTTP/1.1 answer where an HTTP/2 frame was expected. */
  private static final String HTTP1_ANSWER_HEX = "485454502f";

  private final Http2Headers request;
  private final byte[] body;
  private final CompletableFuture<H2cAnswer> answer = new CompletableFuture<>();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private Http2Headers headers;
  private Http2FrameStream stream;

  private H2cExchange(Http2Headers request, byte[] body) {
    this.request = request;
    this.body = body;
  }

  /**
   * Sends {@code request} (and {@code body}, when not null) to {@code host:port}; the answer
   * completes with the headers, body and trailers, or exceptionally: a {@link
   * java.net.ConnectException} when nothing listens, a {@link TimeoutException} when no whole
   * answer came within {@code timeout} (the connection is closed then), {@link NotHttp2Exception}
   * when the instance answered in HTTP/1.1.
   */
  static CompletableFuture<H2cAnswer> send(
      String host, int port, Http2Headers request, byte[] body, Duration timeout) {
    H2cExchange exchange = new H2cExchange(request, body);
    Channel channel =
        new Bootstrap()
            .group(Loop.GROUP)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) HealthProbe.SLOW_TRY.toMillis())
            .handler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(
                            Http2FrameCodecBuilder.forClient()
                                .initialSettings(Http2Settings.defaultSettings().pushEnabled(false))
                                .build(),
                            exchange);
                  }
                })
            .connect(new InetSocketAddress(host, port))
            .addListener(
                (ChannelFutureListener)
                    connected -> {
                      if (!connected.isSuccess()) {
                        exchange.answer.completeExceptionally(connected.cause());
                      }
                    })
            .channel();
    ScheduledFuture<?> deadline =
        channel
            .eventLoop()
            .schedule(
                () -> {
                  exchange.answer.completeExceptionally(
                      new TimeoutException("no whole answer within " + timeout.toMillis() + " ms"));
                  channel.close();
                },
                timeout.toNanos(),
                TimeUnit.NANOSECONDS);
    exchange.answer.whenComplete((done, error) -> deadline.cancel(false));
    return exchange.answer;
  }

  /**
   * The headers of a request with {@code method} for {@code path} of {@code host:port}, to which
   * callers add their own.
   */
  static Http2Headers request(String method, String host, int port, String path) {
    return new DefaultHttp2Headers()
        .method(method)
        .scheme("http")
        .authority(host + ":" + port)
        .path(path)
        .add("user-agent", "prooflane-health");
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    stream = newStream();
    ctx.write(new DefaultHttp2HeadersFrame(request, body == null).stream(stream));
    if (body != null) {
      ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(body), true).stream(stream));
    }
    ctx.flush();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof Http2HeadersFrame frame) {
        headers(ctx, frame);
      } else if (msg instanceof Http2DataFrame frame) {
        data(ctx, frame);
      } else if (msg instanceof Http2ResetFrame reset) {
        Http2Error error = Http2Error.valueOf(reset.errorCode());
        fail(
            ctx,
            new IOException(
                "stream reset (" + (error == null ? reset.errorCode() : error.name()) + ")"));
      } else if (msg instanceof Http2GoAwayFrame goAway
          && stream != null
          && stream.id() > goAway.lastStreamId()) {
        fail(ctx, new IOException("connection refused the request (GOAWAY)"));
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void headers(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
    if (headers == null) {
      CharSequence status = frame.headers().status();
      if (status != null && status.length() == 3 && status.charAt(0) == '1') {
        return; // informational: the real answer follows
      }
      headers = frame.headers();
      if (frame.isEndStream()) {
        done(ctx, null);
      }
    } else {
      done(ctx, frame.headers());
    }
  }

  private void data(ChannelHandlerContext ctx, Http2DataFrame frame) {
    ByteBuf content = frame.content();
    int keep = Math.min(content.readableBytes(), MAX_BODY - received.size());
    if (keep > 0) {
      byte[] bytes = new byte[keep];
      content.getBytes(content.readerIndex(), bytes);
      received.writeBytes(bytes);
    }
    if (frame.initialFlowControlledBytes() > 0) {
      ctx.writeAndFlush(
          new DefaultHttp2WindowUpdateFrame(frame.initialFlowControlledBytes())
              .stream(frame.stream()));
    }
    if (frame.isEndStream()) {
      done(ctx, null);
    }
  }

  private void done(ChannelHandlerContext ctx, Http2Headers trailers) {
    if (headers == null) {
      fail(ctx, new IOException("the answer ended before its headers"));
      return;
    }
    answer.complete(new H2cAnswer(headers, received.toByteArray(), trailers));
    ctx.close();
  }

  private void fail(ChannelHandlerContext ctx, Throwable cause) {
    answer.completeExceptionally(cause);
    ctx.close();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Http2Exception http2 = cause instanceof Http2Exception e ? e : null;
    if (http2 != null
        && http2.getMessage() != null
        && http2.getMessage().contains(HTTP1_ANSWER_HEX)) {
      fail(ctx, new NotHttp2Exception());
    } else {
      fail(ctx, cause);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    answer.completeExceptionally(new IOException("connection closed before the answer ended"));
    ctx.fireChannelInactive();
  }

  /** The event loop of every h2c try, made on first use; its thread never keeps a JVM alive. */
  private static final class Loop {
    static final EventLoopGroup GROUP =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("prooflane-health", true), NioIoHandler.newFactory());
  }
}
