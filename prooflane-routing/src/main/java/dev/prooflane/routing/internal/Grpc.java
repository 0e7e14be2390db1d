package dev.prooflane.routing.internal;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What the router does differently for a gRPC call (a request whose {@code Content-Type} starts
 * with {@code application/grpc}): its own answers are trailers-only gRPC responses, with a gRPC
 * status, the message in {@code grpc-message} and the error code in {@code prooflane-error}, and
 * its {@code grpc-timeout} bounds the exchange.
 */
final class Grpc {
  static final int DEADLINE_EXCEEDED = 4;
  static final int UNAVAILABLE = 14;
  static final String ERROR_HEADER = "prooflane-error";

  private Grpc() {}

  /** Whether {@code headers} are those of a gRPC call. */
  static boolean isCall(HttpHeaders headers) {
    String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
    return type != null && type.regionMatches(true, 0, "application/grpc", 0, 16);
  }

  /**
   * The gRPC status for an answer the router would give as HTTP {@code status}: UNAVAILABLE for a
   * fork that is down, no baseline or an unreachable upstream, DEADLINE_EXCEEDED for a timeout,
   * INVALID_ARGUMENT for an invalid routing key, and so on.
   */
  static int status(int status, String error) {
    return switch (status) {
      case 502, 503 -> UNAVAILABLE;
      case 504 -> DEADLINE_EXCEEDED;
      case 400 -> "invalid_routing_key".equals(error) ? 3 : 13; // INVALID_ARGUMENT, INTERNAL
      case 414, 431 -> 8; // RESOURCE_EXHAUSTED
      case 501 -> 12; // UNIMPLEMENTED
      case 508 -> 9; // FAILED_PRECONDITION
      default -> 2; // UNKNOWN
    };
  }

  /**
   * The trailers-only answer (HTTP 200, one header block that ends the stream) for the router's own
   * answer {@code body} with HTTP {@code status}.
   */
  static FullHttpResponse trailersOnly(HttpVersion version, int status, JsonBody body) {
    String error = String.valueOf(body.get("error"));
    FullHttpResponse answer =
        new DefaultFullHttpResponse(version, HttpResponseStatus.OK, Unpooled.EMPTY_BUFFER);
    answer
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "application/grpc")
        .set("grpc-status", Integer.toString(status(status, error)))
        .set("grpc-message", percentEncoded(message(error, body)))
        .set(ERROR_HEADER, error);
    return answer;
  }

  /**
   * The router's message for a gRPC caller: the error, the sandbox and service it concerns, then
   * the JSON answer's message, such as {@code fork_unavailable (sandbox 'pr-42', service
   * 'pricing'): ...; the request was NOT sent to the baseline}.
   */
  private static String message(String error, JsonBody body) {
    StringBuilder text = new StringBuilder(error).append(" (");
    if (body.get("sandbox") != null) {
      text.append("sandbox '").append(body.get("sandbox")).append("', ");
    }
    return text.append("service '")
        .append(body.get("service"))
        .append("'): ")
        .append(body.get("message"))
        .toString();
  }

  /**
   * The nanoseconds of a {@code grpc-timeout} value (1 to 8 digits and a unit: {@code H M S m u
   * n}), or -1 when it is absent or malformed.
   */
  static long timeoutNanos(String value) {
    if (value == null || value.length() < 2 || value.length() > 9) {
      return -1;
    }
    long amount = 0;
    for (int i = 0; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      amount = amount * 10 + (c - '0');
    }
    TimeUnit unit =
        switch (value.charAt(value.length() - 1)) {
          case 'H' -> TimeUnit.HOURS;
          case 'M' -> TimeUnit.MINUTES;
          case 'S' -> TimeUnit.SECONDS;
          case 'm' -> TimeUnit.MILLISECONDS;
          case 'u' -> TimeUnit.MICROSECONDS;
          case 'n' -> TimeUnit.NANOSECONDS;
          default -> null;
        };
    return unit == null ? -1 : unit.toNanos(amount);
  }

  /** {@code grpc-message} encoding: UTF-8, percent-encoding outside printable ASCII and '%'. */
  static String percentEncoded(String message) {
    StringBuilder out = new StringBuilder(message.length());
    for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '%') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }
}
