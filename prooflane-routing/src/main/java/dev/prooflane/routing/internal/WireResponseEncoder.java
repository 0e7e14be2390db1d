package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * Netty's response encoder, except that headers still as their bytes ({@link WireHeaders}) are
 * written as one copy of those bytes.
 */
final class WireResponseEncoder extends HttpResponseEncoder {
  @Override
  protected void encodeHeaders(HttpHeaders headers, ByteBuf buf) {
    if (!WireHeaders.writeUnchanged(headers, buf)) {
      super.encodeHeaders(headers, buf);
    }
  }
}
