package dev.prooflane.routing.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;

/**
 * One client connection of a listener speaking HTTP/1.1: its requests are served one {@link
 * Exchange} at a time, in order. Reading is driven by demand (the channel does not read by itself):
 * the connection reads a request head, then only as much body as the upstream takes, and the next
 * (possibly pipelined) request only once the answer to this one is complete, so a client can never
 * queue up work in the router. What one socket read decoded beyond the demand waits in {@link
 * #pending}.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {
  private final String service;
  private final NettyRouter router;
  private final ArrayDeque<Object> pending = new ArrayDeque<>(4);
  private ChannelHandlerContext ctx;
  private Exchange exchange;
  private boolean wanted;
  private boolean delivering;
  private boolean closing;
  private boolean droppedOne;
  private String clientAddress;

  ClientConnection(String service, NettyRouter router) {
    this.service = service;
    this.router = router;
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

  @Override
  public void channelReadComplete(ChannelHandlerContext context) {
    if (wanted && pending.isEmpty()) {
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
    } finally {
      delivering = false;
    }
  }

  private void handle(Object message) {
    if (closing) {
      dropBehindRefusal(message);
      return;
    }
    if (message instanceof HttpRequest head) {
      Exchange next = new Exchange(this, head, service, router);
      exchange = next;
      if (head.decoderResult().isFailure()) {
        next.refuseMalformed();
      } else {
        next.start();
      }
      if (message instanceof HttpContent) {
        // the decoder's stand-in for a request it could not read: nothing of it is forwarded
        ReferenceCountUtil.release(message);
      }
      return;
    }
    Exchange current = exchange;
    if (message instanceof HttpContent content && current != null) {
      current.requestContent(content);
    } else {
      ReferenceCountUtil.release(message);
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

  /** Reads on: the next part of the current request's body, or the next request. */
  void requestMore() {
    wanted = true;
    deliver();
    if (wanted && pending.isEmpty()) {
      ctx.read();
    }
  }

  /**
   * The current exchange is over (its answer written, its request read): reads the next request on
   * a kept-alive connection, or closes the connection once the answer has left.
   */
  void exchangeDone(Exchange done, boolean keepAlive) {
    if (exchange == done) {
      exchange = null;
    }
    if (keepAlive && !closing) {
      requestMore();
    } else {
      ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER)
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  /**
   * Marks the connection as closing: whatever was pipelined behind the request being refused (sent
   * before the client could see the refusal) is dropped, never forwarded.
   */
  void closing() {
    closing = true;
  }

  boolean isClosing() {
    return closing;
  }

  ChannelFuture write(Object message) {
    return ctx.write(message);
  }

  ChannelFuture writeAndFlush(Object message) {
    return ctx.writeAndFlush(message);
  }

  void flush() {
    ctx.flush();
  }

  boolean isWritable() {
    return ctx.channel().isWritable();
  }

  boolean isOpen() {
    return ctx.channel().isActive();
  }

  void close() {
    ctx.close();
  }

  Channel channel() {
    return ctx.channel();
  }

  EventLoop loop() {
    return ctx.channel().eventLoop();
  }

  /** The client's IP address as {@code X-Forwarded-For} names it. */
  String clientAddress() {
    if (clientAddress == null) {
      SocketAddress remote = ctx.channel().remoteAddress();
      clientAddress =
          remote instanceof InetSocketAddress inet && inet.getAddress() != null
              ? inet.getAddress().getHostAddress()
              : "unknown";
    }
    return clientAddress;
  }
}
