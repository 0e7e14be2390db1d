package dev.prooflane.routing.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a client connection that takes too long to send a request head, or that stays open with no
 * request in progress for too long.
 *
 * <p>Sits between the request decoder and the listener's handler: it sees each decoded request head
 * coming in and each response's last part going out. One timer per connection checks a single
 * deadline, so the request path only moves a number (the way Netty's {@code IdleStateHandler}
 * works): the head deadline runs from the accept (first request) or from the first byte of a later
 * head to its end; the keep-alive deadline runs from the end of the last response while no request
 * is in progress. While a request is being served no deadline runs; the upstream idle timeout
 * bounds that part.
 */
final class ConnectionDeadlines extends ChannelDuplexHandler implements Runnable {
  private final long headNanos;
  private final long keepAliveNanos;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> timer;
  private long deadline;
  private boolean running;
  private boolean readingHead = true;
  private int inProgress;

  ConnectionDeadlines(long headMillis, long keepAliveMillis) {
    this.headNanos = TimeUnit.MILLISECONDS.toNanos(headMillis);
    this.keepAliveNanos = TimeUnit.MILLISECONDS.toNanos(keepAliveMillis);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
    arm(System.nanoTime() + headNanos);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext context) {
    disarm();
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) throws Exception {
    disarm();
    super.channelInactive(context);
  }

  /** The first bytes of a new request head arrived (called by the decoder, on the event loop). */
  void headStarted() {
    if (!readingHead) {
      readingHead = true;
      arm(System.nanoTime() + headNanos);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) throws Exception {
    if (message instanceof HttpRequest) {
      readingHead = false;
      inProgress++;
      running = false;
    }
    context.fireChannelRead(message);
  }

  @Override
  public void write(ChannelHandlerContext context, Object message, ChannelPromise promise)
      throws Exception {
    if (message instanceof LastHttpContent && !isInformational(message) && inProgress > 0) {
      inProgress--;
      if (inProgress == 0 && !readingHead) {
        arm(System.nanoTime() + keepAliveNanos);
      }
    }
    context.write(message, promise);
  }

  private static boolean isInformational(Object message) {
    return message instanceof HttpResponse response && response.status().code() < 200;
  }

  private void arm(long at) {
    deadline = at;
    running = true;
    if (timer == null && ctx != null) {
      timer =
          ctx.executor().schedule(this, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
  }

  private void disarm() {
    running = false;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  @Override
  public void run() {
    timer = null;
    if (!running || !ctx.channel().isOpen()) {
      return;
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      ctx.close();
    } else {
      timer = ctx.executor().schedule(this, left, TimeUnit.NANOSECONDS);
    }
  }
}
