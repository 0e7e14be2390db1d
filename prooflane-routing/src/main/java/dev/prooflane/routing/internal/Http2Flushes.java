package dev.prooflane.routing.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * The handler in front of an HTTP/2 connection's codec, a client's or an upstream's, that turns the
 * flushes of its streams outside the connection's own reads into one socket write per event-loop
 * turn. Each stream's answer relayed from an upstream connection's read (or, upstream, each request
 * relayed from a client's read) ends with a flush of the connection: without this every one of them
 * would be a system call of its own. Such a flush waits for the tasks that the event loop runs
 * after the readiness events it is handling; so does the flush that ends a read of the connection,
 * which then goes out with the others. A flush during a read of the connection goes out at once:
 * the streams already hold theirs until the read ends (see {@link Http2Streams}; upstream, Netty's
 * stream channels), and the codec's own (its control frame limit flushes before it gives up on a
 * peer that does not read) must not wait. A connection that stops being writable, closes or is
 * removed is flushed first.
 */
final class Http2Flushes extends ChannelDuplexHandler {
  static final String NAME = "flushes";

  private final Runnable flushTask = this::flushPending;
  private ChannelHandlerContext ctx;
  private boolean reading;
  private boolean pending;
  private boolean scheduled;

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext context) {
    flushPending();
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    reading = true;
    context.fireChannelRead(message);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext context) {
    reading = false;
    context.fireChannelReadComplete();
  }

  @Override
  public void flush(ChannelHandlerContext context) {
    if (reading) {
      pending = false;
      context.flush();
      return;
    }
    pending = true;
    if (!scheduled) {
      scheduled = true;
      context.executor().execute(flushTask);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext context) {
    if (!context.channel().isWritable()) {
      flushPending();
    }
    context.fireChannelWritabilityChanged();
  }

  @Override
  public void close(ChannelHandlerContext context, ChannelPromise promise) {
    flushPending();
    context.close(promise);
  }

  @Override
  public void disconnect(ChannelHandlerContext context, ChannelPromise promise) {
    flushPending();
    context.disconnect(promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    pending = false;
    context.fireChannelInactive();
  }

  private void flushPending() {
    scheduled = false;
    if (pending) {
      pending = false;
      ctx.flush();
    }
  }
}
