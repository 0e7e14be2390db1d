package dev.prooflane.local.process;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http2.Http2Headers;

/**
 * The answer to one {@link H2cExchange}.
 *
 * @param headers the answer's headers ({@code :status} among them)
 * @param body its body, at most {@link H2cExchange#MAX_BODY} bytes of it
 * @param trailers its trailers, or null when it had none
 */
record H2cAnswer(Http2Headers headers, byte[] body, Http2Headers trailers) {
  H2cAnswer {
    requireNonNull(headers, "headers");
    requireNonNull(body, "body");
  }

  /** The {@code :status}, or 0 when it is missing or not a number. */
  int status() {
    CharSequence status = headers.status();
    try {
      return status == null ? 0 : Integer.parseInt(status.toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
