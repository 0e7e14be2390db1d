package dev.prooflane.local.process;

import java.io.IOException;

/**
 * An instance asked over h2c answered in HTTP/1.1: it does not speak HTTP/2 with prior knowledge.
 */
final class NotHttp2Exception extends IOException {
  private static final long serialVersionUID = 1L;

  NotHttp2Exception() {
    super("answered in HTTP/1.1, not HTTP/2");
  }
}
