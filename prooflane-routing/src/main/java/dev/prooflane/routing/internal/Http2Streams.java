package dev.prooflane.routing.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2FrameStreamEvent;
import io.netty.handler.codec.http2.Http2FrameStreamException;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.Http2WindowUpdateFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayList;

/**
 * The streams of one HTTP/2 client connection, served from its frames: each stream the client opens
 * is one {@link Http2ClientStream}, found by its id, with no channel or pipeline of its own. The
 * connection's codec ({@link Http2FrameCodec}, in front) keeps the protocol: stream states, flow
 * control, HPACK, the limits of {@link Http2Connections}. The other frames (SETTINGS, PING, GOAWAY)
 * go on down the pipeline; the codec has acted on them.
 *
 * <p>A stream's flush during a read of the connection waits for the read's end, so that the answers
 * written during one read (local refusals, flow-control updates) leave in one socket write.
 */
final class Http2Streams extends ChannelInboundHandlerAdapter {
  private final String service;
  private final NettyRouter router;
  private final String scheme;
  private final Http2FrameCodec codec;
  private final Http2StreamCodec messages;
  private final IntObjectMap<Http2ClientStream> streams = new IntObjectHashMap<>();
  private ChannelHandlerContext ctx;
  private String clientAddress;
  private boolean reading;
  private boolean flushAfterRead;

  /**
   * @param codec the connection's codec, in front of this handler
   * @param scheme the connection's scheme (see {@link ClientConnection#schemeOf})
   */
  Http2Streams(String service, NettyRouter router, String scheme, Http2FrameCodec codec) {
    this.service = service;
    this.router = router;
    this.scheme = scheme;
    this.codec = codec;
    this.messages = new Http2StreamCodec(router.maxHeaders());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext context) {
    this.ctx = context;
  }

  @Override
  public void channelRead(ChannelHandlerContext context, Object message) {
    reading = true;
    if (!(message instanceof Http2StreamFrame frame) || frame.stream() == null) {
      context.fireChannelRead(message);
      return;
    }
    if (message instanceof Http2WindowUpdateFrame) {
      return; // the codec has applied it; writability events follow
    }
    int id = frame.stream().id();
    Http2ClientStream stream = streams.get(id);
    if (stream == null) {
      if (!(message instanceof Http2HeadersFrame)) {
        // a reset or a priority of a stream already over
        ReferenceCountUtil.release(message);
        return;
      }
      stream = new Http2ClientStream(this, frame.stream());
      streams.put(id, stream);
    }
    try {
      stream.received(frame);
    } catch (RuntimeException failed) {
      stream.close(); // one failing exchange resets its own stream, never the connection
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext context) {
    reading = false;
    if (flushAfterRead) {
      flushAfterRead = false;
      context.flush();
    }
    context.fireChannelReadComplete();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext context, Object event) {
    if (!(event instanceof Http2FrameStreamEvent streamEvent)) {
      context.fireUserEventTriggered(event);
      return;
    }
    Http2FrameStream frameStream = streamEvent.stream();
    Http2ClientStream stream = streams.get(frameStream.id());
    if (stream == null) {
      return;
    }
    if (streamEvent.type() == Http2FrameStreamEvent.Type.Writability) {
      try {
        stream.writabilityChanged();
      } catch (RuntimeException failed) {
        stream.close();
      }
    } else if (frameStream.state() == Http2Stream.State.CLOSED) {
      streams.remove(frameStream.id());
      stream.streamClosed();
    }
  }

  /**
   * A stream broke the protocol (the codec found it, and leaves the reset to this handler): the
   * stream is reset with the error's code; the connection goes on. That includes a stream the codec
   * opened and refused before its HEADERS reached this handler (a malformed {@code
   * content-length}), which has no {@link Http2ClientStream}. Any other error goes on down the
   * pipeline.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    if (cause instanceof Http2FrameStreamException failed) {
      Http2FrameStream frameStream = failed.stream();
      Http2ClientStream stream = streams.get(frameStream.id());
      if (stream != null) {
        stream.reset(failed.error());
      } else {
        reset(frameStream, failed.error());
      }
      return;
    }
    context.fireExceptionCaught(cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    for (Http2ClientStream stream : new ArrayList<>(streams.values())) {
      stream.streamClosed();
    }
    streams.clear();
    context.fireChannelInactive();
  }

  /** A stream is over: it is no longer served. */
  void remove(Http2FrameStream stream) {
    streams.remove(stream.id());
  }

  /** Resets {@code stream} with {@code error}, unless it or the connection is closed already. */
  void reset(Http2FrameStream stream, Http2Error error) {
    if (ctx.channel().isActive() && stream.state() != Http2Stream.State.CLOSED) {
      ctx.write(new DefaultHttp2ResetFrame(error).stream(stream));
      flush();
    }
  }

  /** Flushes the connection: at the end of the read under way, if there is one, else now. */
  void flush() {
    if (reading) {
      flushAfterRead = true;
    } else {
      ctx.flush();
    }
  }

  ChannelHandlerContext ctx() {
    return ctx;
  }

  Http2FrameCodec codec() {
    return codec;
  }

  Http2StreamCodec messages() {
    return messages;
  }

  String service() {
    return service;
  }

  NettyRouter router() {
    return router;
  }

  String scheme() {
    return scheme;
  }

  String clientAddress() {
    if (clientAddress == null) {
      clientAddress = ClientConnection.addressOf(ctx.channel());
    }
    return clientAddress;
  }
}
