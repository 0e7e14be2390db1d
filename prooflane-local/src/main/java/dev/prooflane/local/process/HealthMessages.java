package dev.prooflane.local.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The two protobuf messages of {@code grpc.health.v1} ({@code HealthCheckRequest { string service =
 * 1; }}, {@code HealthCheckResponse { ServingStatus status = 1; }}) in gRPC's length-prefixed
 * framing, written and read by hand: two fields do not warrant protobuf and grpc-java on the CLI's
 * class path.
 */
final class HealthMessages {
  /** {@code ServingStatus} by number; 3 ({@code SERVICE_UNKNOWN}) is only used by {@code Watch}. */
  private static final List<String> SERVING_STATUS =
      List.of("UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN");

  /** The prefix of each message: a compression flag and a 4-byte big-endian length. */
  private static final int PREFIX = 5;

  private static final int WIRE_VARINT = 0;
  private static final int WIRE_64BIT = 1;
  private static final int WIRE_BYTES = 2;
  private static final int WIRE_32BIT = 5;

  private HealthMessages() {}

  /** A framed {@code HealthCheckRequest} for {@code service}. */
  static byte[] request(String service) {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    if (!service.isEmpty()) {
      byte[] name = service.getBytes(StandardCharsets.UTF_8);
      message.write(1 << 3 | WIRE_BYTES);
      writeVarint(message, name.length);
      message.writeBytes(name);
    }
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    framed.write(0);
    int length = message.size();
    framed.write(length >>> 24);
    framed.write(length >>> 16);
    framed.write(length >>> 8);
    framed.write(length);
    framed.writeBytes(message.toByteArray());
    return framed.toByteArray();
  }

  /**
   * The {@code status} of the framed {@code HealthCheckResponse} in {@code body}, by name ({@code
   * SERVING}); a number the enum does not know is given as {@code status N}.
   *
   * @throws IOException when {@code body} is not one uncompressed, well-formed message
   */
  static String servingStatus(byte[] body) throws IOException {
    if (body.length < PREFIX) {
      throw new IOException("health answer of " + body.length + " bytes (expected: a message)");
    }
    if (body[0] != 0) {
      throw new IOException("health answer compressed (none was offered)");
    }
    long length =
        (body[1] & 0xffL) << 24 | (body[2] & 0xff) << 16 | (body[3] & 0xff) << 8 | body[4] & 0xff;
    if (length != body.length - PREFIX) {
      throw new IOException(
          "health answer of " + (body.length - PREFIX) + " bytes (its prefix says " + length + ")");
    }
    long status = 0;
    int[] at = {PREFIX};
    while (at[0] < body.length) {
      long key = readVarint(body, at);
      int wire = (int) (key & 7);
      long field = key >>> 3;
      if (field == 1 && wire == WIRE_VARINT) {
        status = readVarint(body, at);
      } else {
        skip(body, at, wire);
      }
    }
    return status >= 0 && status < SERVING_STATUS.size()
        ? SERVING_STATUS.get((int) status)
        : "status " + status;
  }

  private static void skip(byte[] body, int[] at, int wire) throws IOException {
    switch (wire) {
      case WIRE_VARINT -> readVarint(body, at);
      case WIRE_64BIT -> at[0] += 8;
      case WIRE_32BIT -> at[0] += 4;
      case WIRE_BYTES -> {
        long length = readVarint(body, at); // read first: it moves at[0]
        at[0] = length > body.length ? -1 : at[0] + (int) length;
      }
      default -> throw new IOException("health answer with wire type " + wire);
    }
    if (at[0] > body.length || at[0] < 0) {
      throw new IOException("health answer cut short");
    }
  }

  private static long readVarint(byte[] body, int[] at) throws IOException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (at[0] >= body.length) {
        throw new IOException("health answer cut short");
      }
      byte b = body[at[0]++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new IOException("health answer with a varint over 64 bits");
  }

  private static void writeVarint(ByteArrayOutputStream out, int value) {
    while ((value & ~0x7f) != 0) {
      out.write(value & 0x7f | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }
}
