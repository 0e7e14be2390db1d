package dev.prooflane.routing.internal;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * Why the router answers a request itself instead of routing it.
 *
 * @param status HTTP status to send
 * @param error the machine-readable {@code error} field of the JSON body
 * @param message what was wrong and what to send instead
 * @param close whether the connection must close after the answer (the request's framing cannot be
 *     trusted, so neither can the bytes after it)
 */
record Refusal(int status, String error, String message, boolean close) {
  private static final int MAX_ECHO = 80;

  /**
   * The answer to a request the HTTP decoder refused: {@code 414} for a request line over the
   * limit, {@code 431} for a head over the limit, {@code 400} naming the decoder's reason for
   * anything else; always closing, since what follows cannot be framed.
   */
  static Refusal malformed(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return new Refusal(
          414,
          "request_line_too_long",
          "the request line is longer than "
              + NettyRouter.MAX_REQUEST_LINE
              + " bytes (shorten the path or query)",
          true);
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return new Refusal(
          431,
          "headers_too_large",
          "the request headers are larger than "
              + NettyRouter.MAX_HEADER_BYTES
              + " bytes (send fewer or shorter headers)",
          true);
    }
    String detail =
        cause == null || cause.getMessage() == null
            ? "the request cannot be parsed as HTTP/1.1"
            : printable(cause.getMessage(), 200);
    return new Refusal(400, "malformed_request", detail + " (fix the request; see RFC 9112)", true);
  }

  /** Up to 80 characters of client input, with control characters shown as {@code ?}. */
  static String printable(String value) {
    return printable(value, MAX_ECHO);
  }

  /** Up to {@code max} characters of {@code value}, with control characters shown as {@code ?}. */
  static String printable(String value, int max) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 3);
    for (int i = 0; i < value.length() && i < max; i++) {
      char c = value.charAt(i);
      out.append(c < 0x20 || c == 0x7F ? '?' : c);
    }
    return value.length() > max ? out + "..." : out.toString();
  }
}
