package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.List;

/**
 * On a listener with a certificate, tells a TLS connection from a cleartext one by its first byte,
 * then gets out of the way: a TLS record of type handshake ({@code 0x16}, RFC 8446 section 5.1)
 * starts a TLS connection, whose protocol ALPN then chooses ({@link AlpnSwitch}); any other byte
 * (an HTTP method's first letter, or the HTTP/2 preface's {@code P}) leaves the connection to the
 * {@link ProtocolSniffer}, as on a listener without TLS.
 */
final class TlsSniffer extends ByteToMessageDecoder {
  static final String NAME = "tls-sniffer";

  private static final byte HANDSHAKE = 0x16;

  private final ClientInitializer setup;
  private final SslContext context;
  private final long handshakeTimeoutMillis;

  TlsSniffer(ClientInitializer setup, SslContext context, long handshakeTimeoutMillis) {
    this.setup = setup;
    this.context = context;
    this.handshakeTimeoutMillis = handshakeTimeoutMillis;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!in.isReadable()) {
      return;
    }
    ChannelPipeline pipeline = ctx.pipeline();
    if (in.getByte(in.readerIndex()) == HANDSHAKE) {
      SslHandler tls = context.newHandler(ctx.alloc());
      tls.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
      pipeline.remove(ProtocolSniffer.class);
      pipeline.addAfter(ctx.name(), "tls", tls).addAfter("tls", "alpn", new AlpnSwitch(setup));
    }
    // the bytes read so far go on to the handler after this one
    pipeline.remove(this);
  }
}
