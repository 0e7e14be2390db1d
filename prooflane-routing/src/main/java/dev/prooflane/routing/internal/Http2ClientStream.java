package dev.prooflane.routing.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * One stream of an HTTP/2 client connection (see {@link Http2Streams}): its request is served as
 * one {@link Exchange}, routed by its own key. Reading is driven by demand as on an HTTP/1.1
 * connection: the frames that arrive wait in {@link #pending} until the exchange asks for them, and
 * a DATA frame's bytes are given back to the client's flow-control window only when the exchange
 * takes it, so a stream's body is read only as fast as its upstream takes it.
 *
 * <p>The answer goes out as frames written on the connection: the exchange's HTTP/1 messages
 * converted by {@link Http2StreamCodec}, or frames it built itself. A stream that ends before its
 * request and answer are both complete is reset ({@code CANCEL}); one the client resets or that
 * closes with the connection tells its exchange, unless the whole answer was already written.
 */
final class Http2ClientStream implements ClientSide {
  private final Http2Streams connection;
  private final Http2FrameStream stream;
  private final ArrayDeque<Http2StreamFrame> pending = new ArrayDeque<>(2);
  private Exchange exchange;
  private boolean wanted = true;
  private boolean delivering;
  private boolean closed;
  private boolean answerEnded;

  /**
   * An answer's HEADERS that could not be written: what follows cannot go out without them, so the
   * stream is reset (after the exchange's write returns).
   */
  private final ChannelFutureListener headWritten =
      written -> {
        if (!written.isSuccess()) {
          loop().execute(this::close);
        }
      };

  Http2ClientStream(Http2Streams connection, Http2FrameStream stream) {
    this.connection = connection;
    this.stream = stream;
  }

  /** A frame of this stream arrived: HEADERS and DATA are served in order, others dropped. */
  void received(Http2StreamFrame frame) {
    if (closed || !(frame instanceof Http2HeadersFrame || frame instanceof Http2DataFrame)) {
      ReferenceCountUtil.release(frame);
      return;
    }
    pending.add(frame);
    deliver();
  }

  private void deliver() {
    if (delivering) {
      return;
    }
    delivering = true;
    try {
      while (wanted && !closed && !pending.isEmpty()) {
        wanted = false;
        handle(pending.poll());
      }
    } finally {
      delivering = false;
    }
  }

  private void handle(Http2StreamFrame frame) {
    HttpObject message = null;
    try {
      message = connection.messages().message(connection.ctx(), frame);
      if (frame instanceof Http2DataFrame data) {
        consumed(data.initialFlowControlledBytes());
      }
    } catch (Exception refused) {
      // a request Netty's conversion refuses: the stream is cancelled
      ReferenceCountUtil.release(message);
      close();
      return;
    } finally {
      ReferenceCountUtil.release(frame);
    }
    if (message instanceof HttpRequest head) {
      Exchange next = new Exchange(this, head, connection.service(), connection.router());
      exchange = next;
      next.begin(head);
      return;
    }
    if (!Exchange.takePart(exchange, message)) {
      requestMore();
    }
  }

  /**
   * Gives {@code bytes} of the request's body back to the client's window, through the codec (which
   * sends the WINDOW_UPDATE when enough is back, and knows the streams it must not give back for).
   */
  private void consumed(int bytes) {
    if (bytes > 0) {
      connection.ctx().write(new DefaultHttp2WindowUpdateFrame(bytes).stream(stream));
      connection.flush();
    }
  }

  /** The client can take more of this stream's answer, or less. */
  void writabilityChanged() {
    Exchange current = exchange;
    if (current != null && isWritable()) {
      current.clientWritable();
    }
  }

  /**
   * The stream closed: the answer's end went out after the request's, or the client reset it, or
   * the connection closed. The exchange hears of it unless its whole answer was written.
   */
  void streamClosed() {
    if (closed) {
      return;
    }
    closed = true;
    dropPending();
    Exchange current = exchange;
    exchange = null;
    if (current != null && !answerEnded) {
      current.clientClosed();
    }
  }

  /** The stream broke the protocol: it is reset with {@code error}. */
  void reset(Http2Error error) {
    end(error);
  }

  private void end(Http2Error error) {
    if (closed) {
      return;
    }
    closed = true;
    dropPending();
    connection.remove(stream);
    connection.reset(stream, error);
    Exchange current = exchange;
    exchange = null;
    if (current != null) {
      current.clientClosed();
    }
  }

  private void dropPending() {
    Http2StreamFrame frame;
    while ((frame = pending.poll()) != null) {
      ReferenceCountUtil.release(frame);
    }
  }

  @Override
  public boolean isStream() {
    return true;
  }

  @Override
  public ChannelFuture write(Object message) {
    ChannelHandlerContext ctx = connection.ctx();
    if (closed) {
      ReferenceCountUtil.release(message);
      return ctx.newFailedFuture(new ClosedChannelException());
    }
    if (message instanceof Http2StreamFrame frame) {
      return writeFrame(ctx, frame);
    }
    Object[] frames;
    try {
      frames = connection.messages().frames(ctx, (HttpObject) message);
    } catch (Exception unencodable) {
      // after the exchange's write returns: it may be in the middle of relaying the answer
      loop().execute(this::close);
      return ctx.newFailedFuture(unencodable);
    } finally {
      ReferenceCountUtil.release(message);
    }
    ChannelFuture last = null;
    for (Object frame : frames) {
      last = writeFrame(ctx, (Http2StreamFrame) frame);
    }
    return last != null ? last : ctx.newSucceededFuture();
  }

  private ChannelFuture writeFrame(ChannelHandlerContext ctx, Http2StreamFrame frame) {
    boolean ends =
        (frame instanceof Http2HeadersFrame head && head.isEndStream())
            || (frame instanceof Http2DataFrame data && data.isEndStream());
    answerEnded |= ends;
    ChannelFuture written = ctx.write(frame.stream(stream));
    if (!ends && frame instanceof Http2HeadersFrame) {
      written.addListener(headWritten);
    }
    return written;
  }

  @Override
  public ChannelFuture writeAndFlush(Object message) {
    ChannelFuture written = write(message);
    flush();
    return written;
  }

  @Override
  public void flush() {
    connection.flush();
  }

  @Override
  public boolean isWritable() {
    Http2Stream state = connection.codec().connection().stream(stream.id());
    return !closed
        && state != null
        && connection.codec().connection().remote().flowController().isWritable(state);
  }

  @Override
  public boolean isOpen() {
    return !closed && connection.ctx().channel().isActive();
  }

  @Override
  public void close() {
    end(Http2Error.CANCEL);
  }

  @Override
  public EventLoop loop() {
    return connection.ctx().channel().eventLoop();
  }

  @Override
  public String clientAddress() {
    return connection.clientAddress();
  }

  @Override
  public String scheme() {
    return connection.scheme();
  }

  @Override
  public void requestMore() {
    wanted = true;
    deliver();
  }

  @Override
  public void exchangeDone(Exchange done, boolean keepAlive) {
    if (exchange == done) {
      exchange = null;
    }
    if (!keepAlive) {
      close();
    }
  }

  @Override
  public void closing() {
    // a stream has nothing behind it
  }

  @Override
  public boolean isClosing() {
    return false;
  }
}
