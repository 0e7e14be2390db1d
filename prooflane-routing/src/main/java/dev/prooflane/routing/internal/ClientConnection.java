package dev.prooflane.routing.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;

/**
 * One client connection of a listener speaking HTTP/1.1: its requests are served one {@link
 * Exchange} at a time, in order. Reading is driven by demand (the channel does not read by itself):
 * the connection reads a request head, then only as much body as the upstream takes, and the next
 * (possibly pipelined) request is served only once the answer to this one is complete, so a client
 * can never queue up work in the router. What one socket read decoded beyond the demand waits in
 * {@link #pending}.
 *
 * <p>Once a request is read to its end, one read is asked for ahead of the answer, while nothing
 * waits in {@link #pending}: the socket stays registered for reading from one request to the next
 * (asking for a read after each answer instead costs two {@code epoll_ctl} calls per request), and
 * what that read brings waits, bounded by one read. A client that half-closes its side after a
 * request still gets its answers (the connection allows half-closure and closes once the answers to
 * what was read are written); an idle one is closed.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter implements ClientSide {
  private final String service;
  private final NettyRouter router;
  private final ArrayDeque<Object> pending = new ArrayDeque<>(4);
  private ChannelHandlerContext ctx;
  private Exchange exchange;
  private boolean upgrading;
  private boolean wanted = true;
  private boolean delivering;
  private boolean closing;
  private boolean droppedOne;
  private boolean inputClosed;
  private final String scheme;
  private String clientAddress;

  /**
   * @param scheme the client connection's scheme, from {@link #schemeOf}
   */
  ClientConnection(String service, NettyRouter router, String scheme) {
    this.service = service;
    this.router = router;
    this.scheme = scheme;
  }

  /**
   * {@code https} when the connection of {@code pipeline} speaks TLS, else {@code http}: decided
   * once, when the connection's protocol handlers are set up (the TLS handler is in place then).
   */
  static String schemeOf(ChannelPipeline pipeline) {
    return pipeline.get(SslHandler.class) != null ? "https" : "http";
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void channelActive(ChannelHandlerContext context) {
    requestMore();
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    if (closing) {
      dropBehindRefusal(message);
      return;
    }
    pending.add(message);
    deliver();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext context) {
    if (wanted && pending.isEmpty() && !context.isRemoved()) {
      context.read();
    }
  }

  private void deliver() {
    if (delivering) {
      return;
    }
    delivering = true;
    try {
      while (wanted && !pending.isEmpty()) {
        wanted = false;
        handle(pending.poll());
      }
      Exchange current = exchange;
      if (!wanted
          && pending.isEmpty()
          && !upgrading
          && !closing
          && !inputClosed
          && current != null
          && current.letsClientReadAhead()) {
        ctx.read();
      }
    } finally {
      delivering = false;
    }
  }

  private void handle(Object message) {
    if (closing) {
      dropBehindRefusal(message);
      return;
    }
    if (upgrading) {
      upgrade(message);
      return;
    }
    if (message instanceof HttpRequest head) {
      if (Upgrades.requested(head) && "http".equals(scheme)) {
        upgrading = true;
        ctx.pipeline()
            .addAfter(
                "encoder", "upgrade", Http2Connections.upgradeHandler(service, router, scheme));
        upgrade(message);
        return;
      }
      Exchange next = new Exchange(this, head, service, router);
      exchange = next;
      next.begin(head);
      return;
    }
    if (!Exchange.takePart(exchange, message)) {
      requestMore();
    }
  }

  /**
   * What was pipelined behind a refusal that closes the connection is never served: the first such
   * request is recorded as dropped, and nothing more is read.
   */
  private void dropBehindRefusal(Object message) {
    if (message instanceof HttpRequest head && !droppedOne) {
      droppedOne = true;
      new Exchange(this, head, service, router).dropBehindRefusal();
    }
    ReferenceCountUtil.release(message);
  }

  /**
   * Hands a part of an {@code Upgrade: h2c} request to the upgrade handler (placed after the
   * response encoder when the request's head arrived), which switches the connection to HTTP/2 once
   * the request is complete; with an invalid {@code HTTP2-Settings} header it hands the whole
   * request back, and it is served over HTTP/1.1.
   */
  private void upgrade(Object message) {
    if (message instanceof FullHttpRequest request) {
      upgrading = false; // handed back: served over HTTP/1.1
      Exchange next = new Exchange(this, request, service, router);
      exchange = next;
      next.start();
      request.release();
      return;
    }
    ctx.pipeline().context("encoder").fireChannelRead(message);
    if (!ctx.isRemoved()) {
      requestMore();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext context) {
    Exchange current = exchange;
    if (current != null && context.channel().isWritable()) {
      current.clientWritable();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    Object message;
    while ((message = pending.poll()) != null) {
      ReferenceCountUtil.release(message);
    }
    Exchange current = exchange;
    exchange = null;
    if (current != null) {
      current.clientClosed();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    context.close();
  }

  /**
   * Hands the connection over to a {@link Tunnel} after its exchange was upgraded: the HTTP
   * handlers leave the pipeline (the request decoder last, so bytes it holds go to the tunnel).
   */
  Channel handOver() {
    exchange = null;
    ChannelPipeline pipeline = ctx.pipeline();
    // a tunnel ends when either side closes
    pipeline.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, false);
    pipeline.remove(this);
    pipeline.remove(ClientInitializer.DEADLINES);
    pipeline.remove("encoder");
    return pipeline.channel();
  }

  /** Removes the request decoder of a handed-over connection, once the tunnel is in place. */
  static void dropDecoder(Channel channel) {
    channel.pipeline().remove("decoder");
  }

  /**
   * Reads on: the next part of the current request's body, or the next request; once the client has
   * closed its side and every request it sent is answered, closes.
   */
  @Override
  public void requestMore() {
    wanted = true;
    deliver();
    if (wanted && pending.isEmpty()) {
      if (inputClosed) {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.read();
      }
    }
  }

  /**
   * The client closed its side of the connection (HTTP/1.1 connections allow half-closure, see
   * {@link ClientInitializer#http1}): the request being served and those read before still get
   * their answers; an idle connection closes now.
   */
  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) {
    if (event instanceof ChannelInputShutdownEvent) {
      inputClosed = true;
      if (exchange == null && pending.isEmpty()) {
        context.close();
      }
    }
    context.fireUserEventTriggered(event);
  }

  /**
   * The current exchange is over (its answer written, its request read): reads the next request on
   * a kept-alive connection, or closes the connection once the answer has left.
   */
  @Override
  public void exchangeDone(Exchange done, boolean keepAlive) {
    if (exchange == done) {
      exchange = null;
    }
    if (keepAlive && !closing) {
      requestMore();
    } else {
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * Marks the connection as closing: whatever was pipelined behind the request being refused (sent
   * before the client could see the refusal) is dropped, never forwarded.
   */
  @Override
  public void closing() {
    closing = true;
  }

  @Override
  public boolean isClosing() {
    return closing;
  }

  @Override
  public boolean isStream() {
    return false;
  }

  @Override
  public ChannelFuture write(Object message) {
    return ctx.write(message);
  }

  @Override
  public ChannelFuture writeAndFlush(Object message) {
    return ctx.writeAndFlush(message);
  }

  @Override
  public void flush() {
    ctx.flush();
  }

  @Override
  public boolean isWritable() {
    return ctx.channel().isWritable();
  }

  @Override
  public boolean isOpen() {
    return ctx.channel().isActive();
  }

  @Override
  public void close() {
    ctx.close();
  }

  Channel channel() {
    return ctx.channel();
  }

  @Override
  public EventLoop loop() {
    return ctx.channel().eventLoop();
  }

  @Override
  public String clientAddress() {
    if (clientAddress == null) {
      clientAddress = addressOf(ctx.channel());
    }
    return clientAddress;
  }

  /** The IP address of the peer of {@code channel}, as {@code X-Forwarded-For} names it. */
  static String addressOf(Channel channel) {
    SocketAddress remote = channel.remoteAddress();
    return remote instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress()
        : "unknown";
  }

  @Override
  public String scheme() {
    return scheme;
  }
}
