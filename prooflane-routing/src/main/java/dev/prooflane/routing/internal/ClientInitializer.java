package dev.prooflane.routing.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseEncoder;

/**
 * Sets up each accepted client connection of a listener: the hardened request decoder, the response
 * encoder, the head and keep-alive deadlines and the connection's handler.
 */
final class ClientInitializer extends ChannelInitializer<Channel> {
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
    ConnectionDeadlines deadlines =
        new ConnectionDeadlines(router.headerTimeoutMillis(), router.keepAliveTimeoutMillis());
    channel
        .pipeline()
        .addLast("decoder", new RequestHeadDecoder(decoder, deadlines))
        .addLast("encoder", new HttpResponseEncoder())
        .addLast("deadlines", deadlines)
        .addLast("client", new ClientConnection(service, router));
  }
}
