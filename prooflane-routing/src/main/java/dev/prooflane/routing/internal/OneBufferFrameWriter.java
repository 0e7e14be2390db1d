package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http2.DefaultHttp2FrameWriter;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersEncoder;

/**
 * The frame writer of a client's HTTP/2 connection: Netty's, except that a HEADERS frame (with the
 * CONTINUATION frames its block needs) and an unpadded DATA frame of up to 1 KiB (the payload
 * copied behind its frame header) each go out as one buffer with the caller's promise. Netty's
 * writer writes a frame's header and its payload as buffers of their own and joins their promises
 * in an aggregator: about a tenth of the router's CPU time per HTTP/2 stream went there (see
 * docs/routing.md, "How fast"). The bytes on the wire are the same; so are the header block (the
 * same HPACK encoder, shared with the writer's configuration, so that the client's SETTINGS reach
 * it) and the failures (a header list the client will not take fails the promise).
 */
final class OneBufferFrameWriter extends DefaultHttp2FrameWriter {
  private static final int FRAME_HEADER_LENGTH = 9;
  private static final byte DATA = 0x0;
  private static final byte HEADERS = 0x1;
  private static final byte CONTINUATION = 0x9;
  private static final int END_STREAM = 0x1;
  private static final int END_HEADERS = 0x4;

  /** DATA payloads up to this size are copied behind their frame header; larger ones are not. */
  private static final int COPIED_DATA_BYTES = 1024;

  private final Http2HeadersEncoder headersEncoder;

  private OneBufferFrameWriter(Http2HeadersEncoder headersEncoder) {
    super(headersEncoder);
    this.headersEncoder = headersEncoder;
  }

  /** A writer with Netty's HPACK encoder (no field marked sensitive, as Netty's default). */
  static OneBufferFrameWriter create() {
    return new OneBufferFrameWriter(
        new DefaultHttp2HeadersEncoder(Http2HeadersEncoder.NEVER_SENSITIVE));
  }

  @Override
  public ChannelFuture writeData(
      ChannelHandlerContext ctx,
      int streamId,
      ByteBuf data,
      int padding,
      boolean endStream,
      ChannelPromise promise) {
    int length = data.readableBytes();
    if (padding != 0 || length > COPIED_DATA_BYTES || length > maxFrameSize() || streamId <= 0) {
      return super.writeData(ctx, streamId, data, padding, endStream, promise);
    }
    ByteBuf frame = null;
    try {
      frame = ctx.alloc().directBuffer(FRAME_HEADER_LENGTH + length);
      frameHeader(frame, length, DATA, endStream ? END_STREAM : 0, streamId);
      copy(data, frame, length);
    } catch (Throwable failed) {
      if (frame != null) {
        frame.release();
      }
      promise.tryFailure(failed);
      return promise;
    } finally {
      data.release();
    }
    return ctx.write(frame, promise);
  }

  @Override
  public ChannelFuture writeHeaders(
      ChannelHandlerContext ctx,
      int streamId,
      Http2Headers headers,
      int padding,
      boolean endStream,
      ChannelPromise promise) {
    if (padding != 0 || streamId <= 0) {
      return super.writeHeaders(ctx, streamId, headers, padding, endStream, promise);
    }
    ByteBuf frames = ctx.alloc().directBuffer();
    try {
      frames.writerIndex(FRAME_HEADER_LENGTH);
      headersEncoder.encodeHeaders(streamId, headers, frames);
      int block = frames.readableBytes() - FRAME_HEADER_LENGTH;
      int flags = endStream ? END_STREAM : 0;
      if (block <= maxFrameSize()) {
        frames.setMedium(0, block);
        frames.setByte(3, HEADERS);
        frames.setByte(4, flags | END_HEADERS);
        frames.setInt(5, streamId);
      } else {
        ByteBuf split = continued(ctx, frames, block, flags, streamId);
        frames.release();
        frames = split;
      }
    } catch (Http2Exception refused) {
      frames.release();
      promise.tryFailure(refused);
      return promise;
    } catch (Throwable failed) {
      frames.release();
      promise.tryFailure(failed);
      throw failed;
    }
    return ctx.write(frames, promise);
  }

  /**
   * A header block longer than a frame as one HEADERS frame and the CONTINUATION frames that carry
   * the rest, the last one ending the headers.
   */
  private ByteBuf continued(
      ChannelHandlerContext ctx, ByteBuf encoded, int block, int flags, int streamId) {
    int max = maxFrameSize();
    int frameCount = (block + max - 1) / max;
    ByteBuf out = ctx.alloc().directBuffer(block + frameCount * FRAME_HEADER_LENGTH);
    int from = FRAME_HEADER_LENGTH;
    for (int k = 0; k < frameCount; k++) {
      int length = Math.min(max, block - (from - FRAME_HEADER_LENGTH));
      boolean last = k == frameCount - 1;
      frameHeader(
          out,
          length,
          k == 0 ? HEADERS : CONTINUATION,
          (k == 0 ? flags : 0) | (last ? END_HEADERS : 0),
          streamId);
      out.writeBytes(encoded, from, length);
      from += length;
    }
    return out;
  }

  /**
   * Copies {@code length} readable bytes of {@code data} to {@code out} eight at a time: a small
   * payload so (the common answer) costs no NIO buffer views, which a copy between two direct
   * buffers otherwise makes for each.
   */
  private static void copy(ByteBuf data, ByteBuf out, int length) {
    int at = data.readerIndex();
    int end = at + length;
    for (; at + Long.BYTES <= end; at += Long.BYTES) {
      out.writeLong(data.getLong(at));
    }
    for (; at < end; at++) {
      out.writeByte(data.getByte(at));
    }
  }

  private static void frameHeader(ByteBuf out, int length, byte type, int flags, int streamId) {
    out.writeMedium(length);
    out.writeByte(type);
    out.writeByte(flags);
    out.writeInt(streamId);
  }
}
