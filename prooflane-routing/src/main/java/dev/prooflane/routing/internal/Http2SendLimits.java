package dev.prooflane.routing.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DecoratingHttp2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2LifecycleManager;
import java.util.concurrent.TimeUnit;

/**
 * The limits on what a client's HTTP/2 connection makes the router send, in front of the encoder
 * (see {@link Http2Connections}): control frames written but not yet on the wire (SETTINGS and PING
 * acknowledgements, stream resets: a client that floods SETTINGS or PING and never reads the
 * answers), and stream resets for errors per window (a client that makes the router refuse stream
 * after stream; {@code CANCEL} and {@code NO_ERROR} resets are the router's own ends of streams and
 * do not count). A client past either loses its connection with a GOAWAY {@code ENHANCE_YOUR_CALM}.
 * They are the limits Netty's builder sets up; the router builds its encoder itself (for its frame
 * writer, {@link OneBufferFrameWriter}), so it sets them up itself.
 */
final class Http2SendLimits extends DecoratingHttp2ConnectionEncoder {
  private final int maxQueuedControlFrames;
  private final int maxResetsPerWindow;
  private final long windowNanos;
  private int queuedControlFrames;
  private final ChannelFutureListener controlFrameSent = sent -> queuedControlFrames--;
  private Http2LifecycleManager lifecycle;
  private boolean exceeded;
  private long windowStart = System.nanoTime();
  private int resetsInWindow;

  Http2SendLimits(
      Http2ConnectionEncoder delegate,
      int maxQueuedControlFrames,
      int maxResetsPerWindow,
      int windowSeconds) {
    super(delegate);
    this.maxQueuedControlFrames = maxQueuedControlFrames;
    this.maxResetsPerWindow = maxResetsPerWindow;
    this.windowNanos = TimeUnit.SECONDS.toNanos(windowSeconds);
  }

  @Override
  public void lifecycleManager(Http2LifecycleManager manager) {
    this.lifecycle = manager;
    super.lifecycleManager(manager);
  }

  @Override
  public ChannelFuture writeSettingsAck(ChannelHandlerContext ctx, ChannelPromise promise) {
    return super.writeSettingsAck(ctx, controlFrame(ctx, promise));
  }

  @Override
  public ChannelFuture writePing(
      ChannelHandlerContext ctx, boolean ack, long data, ChannelPromise promise) {
    if (!ack) {
      return super.writePing(ctx, false, data, promise);
    }
    return super.writePing(ctx, true, data, controlFrame(ctx, promise));
  }

  @Override
  public ChannelFuture writeRstStream(
      ChannelHandlerContext ctx, int streamId, long errorCode, ChannelPromise promise) {
    ChannelFuture written =
        super.writeRstStream(ctx, streamId, errorCode, controlFrame(ctx, promise));
    if (errorCode != Http2Error.CANCEL.code() && errorCode != Http2Error.NO_ERROR.code()) {
      countReset(ctx);
    }
    return written;
  }

  /**
   * The promise to write a control frame with, counted until the frame is on the wire (once the
   * connection is past a limit and closing, its frames are no longer counted).
   */
  private ChannelPromise controlFrame(ChannelHandlerContext ctx, ChannelPromise promise) {
    if (exceeded) {
      return promise;
    }
    if (queuedControlFrames >= maxQueuedControlFrames) {
      // the frames may only be waiting for a flush
      ctx.flush();
    }
    if (queuedControlFrames >= maxQueuedControlFrames) {
      exceed(
          ctx,
          "%d control frames queued unsent: the client does not read them",
          maxQueuedControlFrames);
      return promise;
    }
    queuedControlFrames++;
    return promise.unvoid().addListener(controlFrameSent);
  }

  private void countReset(ChannelHandlerContext ctx) {
    long now = System.nanoTime();
    if (now - windowStart >= windowNanos) {
      windowStart = now;
      resetsInWindow = 0;
    }
    if (++resetsInWindow > maxResetsPerWindow && !exceeded) {
      exceed(
          ctx,
          "more than %d streams refused within %d s",
          maxResetsPerWindow,
          TimeUnit.NANOSECONDS.toSeconds(windowNanos));
    }
  }

  private void exceed(ChannelHandlerContext ctx, String message, Object... arguments) {
    exceeded = true;
    lifecycle.onError(
        ctx,
        true,
        Http2Exception.connectionError(Http2Error.ENHANCE_YOUR_CALM, message, arguments));
    ctx.close();
  }
}
