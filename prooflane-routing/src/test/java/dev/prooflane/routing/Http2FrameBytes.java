package dev.prooflane.routing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Flags;
import io.netty.handler.codec.http2.Http2FrameTypes;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Settings;
import java.io.ByteArrayOutputStream;

/**
 * HTTP/2 frames as bytes, in any order and whether valid or not, written by Netty's own frame
 * writer and HPACK encoder (one encoder for every header block, so its dynamic table stays the one
 * the router decodes with). A test puts the bytes on a raw socket.
 */
final class Http2FrameBytes {
  private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
  private final ChannelHandlerContext ctx = channel.pipeline().firstContext();
  private final DefaultHttp2HeadersEncoder hpack =
      new DefaultHttp2HeadersEncoder(Http2HeadersEncoder.NEVER_SENSITIVE, true);
  private final DefaultHttp2FrameWriter writer = new DefaultHttp2FrameWriter(hpack);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

  /** The client connection preface: the magic string and an empty SETTINGS frame. */
  Http2FrameBytes preface() {
    bytes.writeBytes(ByteBufUtil.getBytes(Http2CodecUtil.connectionPrefaceBuf()));
    return settings(new Http2Settings());
  }

  Http2FrameBytes settings(Http2Settings settings) {
    writer.writeSettings(ctx, settings, ctx.newPromise());
    return collect();
  }

  Http2FrameBytes settingsAck() {
    writer.writeSettingsAck(ctx, ctx.newPromise());
    return collect();
  }

  /** A complete header block (HEADERS with END_HEADERS, split into CONTINUATIONs if large). */
  Http2FrameBytes headers(int streamId, Http2Headers headers, boolean endStream) {
    writer.writeHeaders(ctx, streamId, headers, 0, endStream, ctx.newPromise());
    return collect();
  }

  Http2FrameBytes data(int streamId, byte[] data, boolean endStream) {
    writer.writeData(ctx, streamId, Unpooled.wrappedBuffer(data), 0, endStream, ctx.newPromise());
    return collect();
  }

  Http2FrameBytes rstStream(int streamId, Http2Error error) {
    writer.writeRstStream(ctx, streamId, error.code(), ctx.newPromise());
    return collect();
  }

  Http2FrameBytes ping(long payload) {
    writer.writePing(ctx, false, payload, ctx.newPromise());
    return collect();
  }

  /** A HEADERS frame carrying {@code fragment} without END_HEADERS: CONTINUATION must follow. */
  Http2FrameBytes headersWithoutEnd(int streamId, byte[] fragment, boolean endStream) {
    return frame(
        Http2FrameTypes.HEADERS, streamId, new Http2Flags().endOfStream(endStream), fragment);
  }

  Http2FrameBytes continuation(int streamId, byte[] fragment, boolean endHeaders) {
    return frame(
        Http2FrameTypes.CONTINUATION,
        streamId,
        new Http2Flags().endOfHeaders(endHeaders),
        fragment);
  }

  /** Any frame, written as given. */
  Http2FrameBytes frame(byte type, int streamId, Http2Flags flags, byte[] payload) {
    writer.writeFrame(
        ctx, type, streamId, flags, Unpooled.wrappedBuffer(payload), ctx.newPromise());
    return collect();
  }

  /** Raw bytes, for what is not a frame at all. */
  Http2FrameBytes raw(byte[] raw) {
    bytes.writeBytes(raw);
    return this;
  }

  /** The HPACK encoding of {@code headers}: a header block to split into fragments by hand. */
  byte[] headerBlock(Http2Headers headers) {
    ByteBuf block = Unpooled.buffer();
    try {
      hpack.encodeHeaders(0, headers, block);
      return ByteBufUtil.getBytes(block);
    } catch (Http2Exception e) {
      throw new IllegalArgumentException("headers: " + headers + " (expected: encodable)", e);
    } finally {
      block.release();
    }
  }

  /** The bytes written so far; the builder starts empty again. */
  byte[] take() {
    byte[] taken = bytes.toByteArray();
    bytes.reset();
    return taken;
  }

  private Http2FrameBytes collect() {
    channel.flushOutbound();
    for (ByteBuf written = channel.readOutbound();
        written != null;
        written = channel.readOutbound()) {
      bytes.writeBytes(ByteBufUtil.getBytes(written));
      written.release();
    }
    return this;
  }
}
