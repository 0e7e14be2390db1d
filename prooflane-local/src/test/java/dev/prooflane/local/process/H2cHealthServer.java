package dev.prooflane.local.process;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;

/**
 * An HTTP/2 server in cleartext with prior knowledge only (as gRPC servers are: no HTTP/1.1) on
 * loopback, whose {@code n}th request gets the status {@code plan.applyAsInt(n)}; it remembers the
 * method and path of each.
 */
final class H2cHealthServer implements AutoCloseable {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Channel channel;

  H2cHealthServer(IntUnaryOperator plan) throws InterruptedException {
    channel =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(Http2FrameCodecBuilder.forServer().build(), new Answer(plan));
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** {@code GET /health} for each request, in arrival order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Answer extends SimpleChannelInboundHandler<Http2HeadersFrame> {
    private final IntUnaryOperator plan;

    Answer(IntUnaryOperator plan) {
      this.plan = plan;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Http2HeadersFrame frame) {
      requests.add(frame.headers().method() + " " + frame.headers().path());
      int status = plan.applyAsInt(requests.size());
      ctx.writeAndFlush(
          new DefaultHttp2HeadersFrame(
                  new DefaultHttp2Headers().status(String.valueOf(status)), true)
              .stream(frame.stream()));
    }
  }
}
