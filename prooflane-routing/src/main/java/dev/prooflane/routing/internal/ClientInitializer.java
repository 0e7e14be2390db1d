package dev.prooflane.routing.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;

/**
 * Sets up each accepted client connection of a listener: until its first bytes tell TLS from
 * cleartext (on a router with a certificate, see {@link TlsSniffer}) and HTTP/1.1 from HTTP/2 (see
 * {@link ProtocolSniffer}, or ALPN after a TLS handshake), only the head deadline runs; then either
 * the hardened HTTP/1.1 request decoder, the response encoder, the head and keep-alive deadlines
 * and the connection's handler, or the HTTP/2 connection with one handler per stream (see {@link
 * Http2Connections}).
 */
final class ClientInitializer extends ChannelInitializer<Channel> {
  static final String DEADLINES = "deadlines";

  private final String service;
  private final NettyRouter router;
  private final HttpDecoderConfig decoder;
  private final ChannelGroup connections;

  ClientInitializer(
      String service, NettyRouter router, HttpDecoderConfig decoder, ChannelGroup connections) {
    this.service = service;
    this.router = router;
    this.decoder = decoder;
    this.connections = connections;
  }

  @Override
  protected void initChannel(Channel channel) {
    connections.add(channel);
    SslContext tls = router.tls();
    if (tls != null) {
      channel
          .pipeline()
          .addLast(TlsSniffer.NAME, new TlsSniffer(this, tls, router.headerTimeoutMillis()));
    }
    channel
        .pipeline()
        .addLast("sniffer", new ProtocolSniffer(this))
        .addLast(
            DEADLINES,
            new ConnectionDeadlines(router.headerTimeoutMillis(), router.keepAliveTimeoutMillis()));
  }

  /**
   * The HTTP/1.1 handlers, around the deadlines already in place. The connection allows
   * half-closure: a client that closes its side after a request still gets the answer (see {@link
   * ClientConnection}).
   */
  void http1(ChannelPipeline pipeline) {
    pipeline.channel().config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
    ConnectionDeadlines deadlines = (ConnectionDeadlines) pipeline.get(DEADLINES);
    pipeline
        .addBefore(DEADLINES, "decoder", new RequestHeadDecoder(decoder, deadlines))
        .addBefore(DEADLINES, "encoder", new WireResponseEncoder())
        .addLast(
            "client", new ClientConnection(service, router, ClientConnection.schemeOf(pipeline)));
  }

  /** The HTTP/2 handlers in place of the HTTP/1.1 deadlines. */
  void http2(ChannelPipeline pipeline) {
    pipeline.remove(DEADLINES);
    Http2Connections.serve(pipeline, service, router);
  }
}
