package dev.prooflane.routing.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * Once a client's TLS handshake is done, serves the protocol it chose by ALPN: {@code h2} the same
 * HTTP/2 connection as cleartext HTTP/2 with prior knowledge (streams routed one by one, the same
 * limits), {@code http/1.1} or no choice the same HTTP/1.1 connection as in cleartext. A handshake
 * that fails (a client that does not trust the certificate, a peer that is no TLS client) closes
 * the connection without a log line: it is the client's problem, and its own error says so.
 */
final class AlpnSwitch extends ApplicationProtocolNegotiationHandler {
  private final ClientInitializer setup;

  AlpnSwitch(ClientInitializer setup) {
    super(ApplicationProtocolNames.HTTP_1_1);
    this.setup = setup;
  }

  @Override
  protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
    if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
      setup.http2(ctx.pipeline());
    } else {
      setup.http1(ctx.pipeline());
    }
  }

  @Override
  protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
