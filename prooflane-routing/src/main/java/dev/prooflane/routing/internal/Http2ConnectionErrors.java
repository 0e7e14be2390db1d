package dev.prooflane.routing.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2CodecUtil;

/**
 * The last handler of an HTTP/2 connection, a client's or an upstream's, so that Netty does not log
 * a warning per failed connection (a hostile client, a fork that died). A protocol error that
 * reaches it is being answered by the codec (which passes it on before it sends its GOAWAY with the
 * error's code and closes): closing here first would send a GOAWAY without error instead. Any other
 * error (a reset by the peer) closes the connection, as the HTTP/1.1 handlers do; the streams on it
 * then fail, and their exchanges answer for them.
 */
@ChannelHandler.Sharable
final class Http2ConnectionErrors extends ChannelInboundHandlerAdapter {
  static final Http2ConnectionErrors INSTANCE = new Http2ConnectionErrors();

  private Http2ConnectionErrors() {}

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (Http2CodecUtil.getEmbeddedHttp2Exception(cause) == null) {
      ctx.close();
    }
  }
}
