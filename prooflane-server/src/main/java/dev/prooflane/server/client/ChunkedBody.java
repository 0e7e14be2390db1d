package dev.prooflane.server.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/**
 * A body in the chunked transfer coding, decoded: each chunk's bytes as soon as they arrive (the
 * daemon streams progress lines this way), up to the last chunk and its trailers.
 */
final class ChunkedBody extends InputStream {
  private final InputStream in;
  private long left;

  /** Whether the CRLF after a chunk's bytes is still to be read (at the next read, not before). */
  private boolean chunkEnding;

  private boolean ended;

  ChunkedBody(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (left == 0 && !ended) {
      if (chunkEnding && !Exchange.line(in).isEmpty()) {
        throw new ProtocolException("a chunk does not end with CRLF");
      }
      chunkEnding = false;
      nextChunk();
    }
    if (ended) {
      return -1;
    }
    int n = in.read(buffer, offset, (int) Math.min(length, left));
    if (n < 0) {
      throw new ProtocolException("the daemon closed the connection in the middle of a chunk");
    }
    left -= n;
    // the CRLF that ends the chunk is read with the next chunk's size: a reader gets these bytes
    // now even when the CRLF comes later
    chunkEnding = left == 0;
    return n;
  }

  /** Reads the next chunk's size; the last chunk (size 0) is followed by trailers, skipped. */
  private void nextChunk() throws IOException {
    String size = Exchange.line(in);
    int extension = size.indexOf(';');
    String hex = (extension < 0 ? size : size.substring(0, extension)).strip();
    if (hex.isEmpty()
        || hex.length() > 15
        || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new ProtocolException(
          "chunk size: " + size + " (expected: 1 to 15 hexadecimal digits)");
    }
    left = Long.parseLong(hex, 16);
    if (left == 0) {
      while (!Exchange.line(in).isEmpty()) {
        // a trailer: nothing here reads them
      }
      ended = true;
    }
  }
}
