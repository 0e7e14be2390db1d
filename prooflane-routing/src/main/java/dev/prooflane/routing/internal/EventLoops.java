package dev.prooflane.routing.internal;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The router's event loops and the socket channel types that go with them: Linux's native epoll
 * transport where it loads, Java NIO elsewhere.
 */
record EventLoops(
    EventLoopGroup group,
    Class<? extends ServerChannel> serverChannel,
    Class<? extends Channel> channel,
    boolean epoll) {

  /** {@code threads} event loops; each client connection and its upstream exchanges stay on one. */
  static EventLoops start(int threads) {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory("prooflane-router", true), io);
    return epoll
        ? new EventLoops(group, EpollServerSocketChannel.class, EpollSocketChannel.class, true)
        : new EventLoops(group, NioServerSocketChannel.class, NioSocketChannel.class, false);
  }
}
