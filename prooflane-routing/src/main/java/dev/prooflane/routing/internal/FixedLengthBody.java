package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * The {@code Content-Length} body of a message whose head {@link WireHeadParser} read, handed on as
 * slices of the received bytes (no copy), the last one a {@link LastHttpContent}, as Netty's
 * decoders hand on theirs.
 */
final class FixedLengthBody {
  /** Slices are at most this long, as Netty's decoders' chunks. */
  private static final int MAX_SLICE = 8 * 1024;

  private long left;

  /**
   * Whether a body of {@code length} bytes is all in {@code buffer}, and small enough for one
   * piece.
   */
  static boolean fitsOnePiece(long length, ByteBuf buffer) {
    return length <= MAX_SLICE && length <= buffer.readableBytes();
  }

  /** Whether part of a body is still to come. */
  boolean isOpen() {
    return left > 0;
  }

  /**
   * Starts a body of {@code length} bytes after a head just added to {@code out}: an empty one ends
   * at once; otherwise as much of it as {@code buffer} holds is read.
   */
  void start(long length, ByteBuf buffer, List<Object> out) {
    left = length;
    if (length == 0) {
      out.add(LastHttpContent.EMPTY_LAST_CONTENT);
    } else if (buffer.isReadable()) {
      read(buffer, out);
    }
  }

  /** Reads the next part of the body from {@code buffer}, which has bytes to read. */
  void read(ByteBuf buffer, List<Object> out) {
    int length = (int) Math.min(Math.min(left, buffer.readableBytes()), MAX_SLICE);
    ByteBuf part = buffer.readRetainedSlice(length);
    left -= length;
    out.add(left == 0 ? new DefaultLastHttpContent(part) : new DefaultHttpContent(part));
  }
}
