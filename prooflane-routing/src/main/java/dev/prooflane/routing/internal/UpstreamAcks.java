package dev.prooflane.routing.internal;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollSocketChannel;

/**
 * Defends pooled upstream connections against Nagle's algorithm on the upstream's side.
 *
 * <p>An upstream that leaves Nagle on (the JDK's {@code HttpServer} by default) writes the response
 * head and then the body as two small segments, and holds the body until the head is acknowledged.
 * Linux delays that ACK by up to 40 ms once a connection looks interactive, which a keep-alive
 * connection always does, so every pooled exchange would stall. {@code TCP_QUICKACK} is not sticky:
 * the kernel drops back to delayed ACKs on its own. Setting it again when a response head arrived
 * without any of its body (the end of a read that held only the head) sends the pending ACK at
 * once, so the upstream releases the body without waiting. A head that comes with its body (the
 * common case) costs nothing; otherwise one {@code setsockopt}. Without the epoll transport this
 * does nothing.
 */
final class UpstreamAcks {
  private UpstreamAcks() {}

  static void acknowledgeNow(Channel channel) {
    if (channel instanceof EpollSocketChannel epoll && epoll.isActive()) {
      epoll.config().setTcpQuickAck(true);
    }
  }
}
