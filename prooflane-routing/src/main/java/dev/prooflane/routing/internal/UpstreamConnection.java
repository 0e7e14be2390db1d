package dev.prooflane.routing.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One keep-alive connection to an upstream, serving one {@link Exchange} at a time and idle in its
 * pool between exchanges. It hands what the upstream sends to the exchange it serves, and closes
 * itself after {@link #IDLE_IN_POOL_SECONDS} unused in the pool, or when an exchange on it sees no
 * byte for the router's idle timeout.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter implements Runnable {
  /** Idle pooled connections close after this, below the common 5 s server keep-alive. */
  static final int IDLE_IN_POOL_SECONDS = 4;

  private static final String CODEC = "codec";

  private final UpstreamPool.LoopPool pool;
  private final UpstreamOptions options;
  private final boolean stream;
  private final long exchangeIdleNanos;
  private Channel channel;
  private Exchange exchange;
  private ScheduledFuture<?> timer;
  private long deadline;
  private long timerAt;
  private boolean armed;

  UpstreamConnection(UpstreamPool.LoopPool pool, UpstreamOptions options, boolean stream) {
    this.pool = pool;
    this.options = options;
    this.stream = stream;
    this.exchangeIdleNanos = TimeUnit.MILLISECONDS.toNanos(options.idleTimeoutMillis());
  }

  /**
   * Sets up the pipeline of the connection's channel when it registers, before it connects: the
   * HTTP/1.1 client codec (or, for a stream of an HTTP/2 connection, the frame-to-message codec)
   * and this handler; the pool hears when the channel closes.
   */
  ChannelInitializer<Channel> initializer() {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel registered) {
        channel = registered;
        registered
            .pipeline()
            .addLast(
                CODEC, stream ? Http2Upstream.STREAM_CODEC : new UpstreamCodec(options.decoder()))
            .addLast("exchange", UpstreamConnection.this);
        registered.closeFuture().addListener(closed -> closed());
      }
    };
  }

  Channel channel() {
    return channel;
  }

  boolean isOpen() {
    return channel != null && channel.isActive();
  }

  /** Serves {@code next} from now on; the idle timeout of the exchange starts. */
  void bind(Exchange next) {
    this.exchange = next;
    arm(exchangeIdleNanos);
  }

  /**
   * The exchange is over: back to the pool when {@code reusable}, otherwise closed. A stream of an
   * HTTP/2 connection serves one exchange: it closes (resets, if not finished both ways).
   */
  void release(boolean reusable) {
    exchange = null;
    if (reusable && !stream && pool.release(this)) {
      channel.config().setAutoRead(true);
      arm(TimeUnit.SECONDS.toNanos(IDLE_IN_POOL_SECONDS));
    } else {
      close();
    }
  }

  ChannelFuture write(Object message) {
    touch();
    return channel.write(message);
  }

  void flush() {
    channel.flush();
  }

  boolean isWritable() {
    return channel.isWritable();
  }

  /** Stops or resumes reading the upstream's response (the client cannot take more, or can). */
  void reading(boolean on) {
    channel.config().setAutoRead(on);
  }

  /**
   * Hands the connection over to a {@link Tunnel}: its HTTP handlers leave the pipeline and it
   * serves no exchange any more; the pool still counts it until it closes.
   */
  Channel handOver() {
    exchange = null;
    disarm();
    channel.pipeline().remove(this);
    channel.pipeline().remove(CODEC);
    return channel;
  }

  /** Closes the connection in the middle of its exchange, which hears nothing more of it. */
  void abandon() {
    exchange = null;
    close();
  }

  void close() {
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    Exchange current = exchange;
    if (current == null) {
      // an upstream that speaks without being asked cannot be trusted with the next request
      ReferenceCountUtil.release(message);
      close();
      return;
    }
    touch();
    current.upstreamRead(message);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    Exchange current = exchange;
    if (current != null) {
      current.flushClient();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Exchange current = exchange;
    if (current != null && channel.isWritable()) {
      current.upstreamWritable();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Exchange current = exchange;
    exchange = null;
    if (current != null) {
      current.upstreamFailed(cause);
    }
    close();
  }

  private void closed() {
    disarm();
    pool.closed(this);
    Exchange current = exchange;
    exchange = null;
    if (current != null) {
      current.upstreamFailed(
          new UpstreamClosedException(
              "the upstream closed the connection before the exchange completed"));
    }
  }

  private void touch() {
    if (exchange != null) {
      deadline = System.nanoTime() + exchangeIdleNanos;
    }
  }

  private void arm(long nanos) {
    deadline = System.nanoTime() + nanos;
    armed = true;
    if (timer != null && timerAt - deadline > 0) {
      timer.cancel(false);
      timer = null;
    }
    if (timer == null) {
      schedule(nanos);
    }
  }

  private void schedule(long nanos) {
    timerAt = System.nanoTime() + nanos;
    timer = channel.eventLoop().schedule(this, nanos, TimeUnit.NANOSECONDS);
  }

  private void disarm() {
    armed = false;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  @Override
  public void run() {
    timer = null;
    if (!armed || !channel.isOpen()) {
      return;
    }
    long left = deadline - System.nanoTime();
    if (left > 0) {
      schedule(left);
      return;
    }
    Exchange current = exchange;
    exchange = null;
    if (current != null) {
      current.upstreamFailed(
          new TimeoutException(
              "no byte from the upstream for "
                  + TimeUnit.NANOSECONDS.toMillis(exchangeIdleNanos)
                  + " ms during the exchange"));
    }
    close();
  }
}
