package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tells HTTP/2 with prior knowledge from HTTP/1.1 by a connection's first bytes, then gets out of
 * the way: the HTTP/2 connection preface ({@code PRI * HTTP/2.0...}, RFC 9113 section 3.4) sets up
 * an HTTP/2 connection, anything else an HTTP/1.1 one. It decides at the first byte that differs
 * from the preface, so an HTTP/1.1 request is never held back waiting for more bytes.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ClientInitializer setup;

  ProtocolSniffer(ClientInitializer setup) {
    this.setup = setup;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    ctx.read();
    super.channelActive(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    int readable = Math.min(in.readableBytes(), PREFACE.length);
    for (int i = 0; i < readable; i++) {
      if (in.getByte(start + i) != PREFACE[i]) {
        setup.http1(ctx.pipeline());
        ctx.pipeline().remove(this);
        return;
      }
    }
    if (readable == PREFACE.length) {
      setup.http2(ctx.pipeline());
      ctx.pipeline().remove(this);
    }
  }
}
