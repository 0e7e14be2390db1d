package dev.prooflane.routing.internal;

import java.io.IOException;

/** The upstream closed its connection before the response to a request on it was complete. */
final class UpstreamClosedException extends IOException {
  private static final long serialVersionUID = 1L;

  UpstreamClosedException(String message) {
    super(message);
  }
}
