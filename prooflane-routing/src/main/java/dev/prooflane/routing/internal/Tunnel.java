package dev.prooflane.routing.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.function.Consumer;

/**
 * The two connections of an upgraded exchange (a WebSocket after {@code 101 Switching Protocols})
 * joined byte for byte: whatever one side sends goes to the other, as fast as the other takes it,
 * until either closes; then the other closes too and {@code ended} hears the byte counts.
 */
final class Tunnel {
  static final String RELAY = "relay";

  /** The upstream's headers came through the decoder's checks. */
  private static final HttpHeadersFactory UNCHECKED =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);

  private final Consumer<Tunnel> ended;
  private long fromClient;
  private long fromUpstream;
  private int open = 2;

  private Tunnel(Consumer<Tunnel> ended) {
    this.ended = ended;
  }

  /**
   * Joins {@code client} and {@code upstream} (same event loop): the relays go last in their
   * pipelines, and the caller then removes the HTTP handlers before them.
   */
  static Tunnel join(Channel client, Channel upstream, Consumer<Tunnel> ended) {
    Tunnel tunnel = new Tunnel(ended);
    client.pipeline().addLast(RELAY, tunnel.new Relay(upstream, true));
    upstream.pipeline().addLast(RELAY, tunnel.new Relay(client, false));
    client.config().setAutoRead(true);
    upstream.config().setAutoRead(true);
    return tunnel;
  }

  /**
   * Completes a WebSocket handshake the upstream accepted with its {@code head}: the client gets
   * its {@code 101} (the upstream's headers minus hop-by-hop ones, plus the upgrade), then both
   * connections leave HTTP and are joined; {@code ended} hears when the session is over.
   */
  static void switchTo(
      ClientConnection client,
      UpstreamConnection upstream,
      HttpResponse head,
      Consumer<Tunnel> ended) {
    HttpHeaders headers = UNCHECKED.newHeaders();
    ForwardedHeaders.copyResponse(head.headers(), headers);
    headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
    headers.set(HttpHeaderNames.UPGRADE, head.headers().get(HttpHeaderNames.UPGRADE, "websocket"));
    client.writeAndFlush(
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.SWITCHING_PROTOCOLS,
            Unpooled.EMPTY_BUFFER,
            headers,
            UNCHECKED.newEmptyHeaders()));
    // the relays first: bytes the HTTP decoders still hold go to them as the decoders leave
    join(client.channel(), upstream.channel(), ended);
    upstream.handOver();
    ClientConnection.dropDecoder(client.handOver());
  }

  /** Bytes the client sent through the tunnel. */
  long fromClient() {
    return fromClient;
  }

  /** Bytes the upstream sent through the tunnel. */
  long fromUpstream() {
    return fromUpstream;
  }

  private void sideClosed() {
    if (--open == 0) {
      ended.accept(this);
    }
  }

  /** One direction: what its channel reads, the peer writes. */
  private final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel peer;
    private final boolean client;

    Relay(Channel peer, boolean client) {
      this.peer = peer;
      this.client = client;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      if (!(message instanceof ByteBuf bytes)) {
        ReferenceCountUtil.release(message); // the end of the upgrade exchange's HTTP framing
        return;
      }
      if (client) {
        fromClient += bytes.readableBytes();
      } else {
        fromUpstream += bytes.readableBytes();
      }
      peer.write(bytes);
      if (!peer.isWritable()) {
        ctx.channel().config().setAutoRead(false);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      peer.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable()) {
        peer.config().setAutoRead(true);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      sideClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
