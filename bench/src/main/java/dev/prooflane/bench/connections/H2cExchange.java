package dev.prooflane.bench.connections;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/2 with prior knowledge: the preface, empty SETTINGS, and {@code GET /} as stream 1; reads
 * frames (acknowledging the peer's SETTINGS) until stream 1 ends.
 */
record H2cExchange() implements FirstExchange {
  private static final int DATA = 0;
  private static final int HEADERS = 1;
  private static final int RST_STREAM = 3;
  private static final int SETTINGS = 4;
  private static final int GOAWAY = 7;
  private static final int END_STREAM = 0x1;
  private static final int ACK = 0x1;
  private static final int END_HEADERS = 0x4;
  private static final byte[] OPENING = opening();

  @Override
  public void run(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(OPENING);
    DataInputStream in = new DataInputStream(socket.getInputStream());
    while (true) {
      int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
      int type = in.readUnsignedByte();
      int flags = in.readUnsignedByte();
      int stream = in.readInt() & 0x7fff_ffff;
      in.skipNBytes(length);
      if (type == GOAWAY || type == RST_STREAM) {
        throw new IOException(
            "frame type " + type + " on stream " + stream + " (expected: answer)");
      }
      if (type == SETTINGS && (flags & ACK) == 0) {
        out.write(frame(SETTINGS, ACK, 0, new byte[0]));
      }
      if (stream == 1 && (type == DATA || type == HEADERS) && (flags & END_STREAM) != 0) {
        return;
      }
    }
  }

  private static byte[] opening() {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    // HPACK: :method GET, :scheme http, :path / (static table 2, 6, 4), then :authority
    // (static name 1) as a literal without indexing.
    block.writeBytes(new byte[] {(byte) 0x82, (byte) 0x86, (byte) 0x84, 0x01});
    byte[] authority = "127.0.0.1".getBytes(StandardCharsets.US_ASCII);
    block.write(authority.length);
    block.writeBytes(authority);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    all.writeBytes(frame(SETTINGS, 0, 0, new byte[0]));
    all.writeBytes(frame(HEADERS, END_STREAM | END_HEADERS, 1, block.toByteArray()));
    return all.toByteArray();
  }

  private static byte[] frame(int type, int flags, int stream, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(payload.length >>> 16);
    frame.write(payload.length >>> 8);
    frame.write(payload.length);
    frame.write(type);
    frame.write(flags);
    frame.write(stream >>> 24);
    frame.write(stream >>> 16);
    frame.write(stream >>> 8);
    frame.write(stream);
    frame.writeBytes(payload);
    return frame.toByteArray();
  }
}
