package dev.prooflane.routing.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;

/**
 * The side of an {@link Exchange} that faces the client: an HTTP/1.1 connection ({@link
 * ClientConnection}) or one stream of an HTTP/2 connection ({@link Http2ClientStream}). The
 * exchange writes its answer as HTTP/1 messages (or, to a stream, as HTTP/2 frames), asks for the
 * request's body as the upstream takes it, and says when it is over.
 */
interface ClientSide {
  /** Whether this is one HTTP/2 stream (one request, no connection of its own). */
  boolean isStream();

  /** Writes a part of the answer: an HTTP/1 message, or (to a stream) an HTTP/2 frame. */
  ChannelFuture write(Object message);

  ChannelFuture writeAndFlush(Object message);

  void flush();

  /** Whether the client takes more of the answer now. */
  boolean isWritable();

  boolean isOpen();

  /** Ends the client side at once: the connection closes, or the stream is reset. */
  void close();

  EventLoop loop();

  /** The client's IP address as {@code X-Forwarded-For} names it. */
  String clientAddress();

  /**
   * {@code https} when the client's connection is TLS, else {@code http}: what {@code
   * X-Forwarded-Proto} says. Taken from the connection only, never from what the client sends
   * (HTTP/2's {@code :scheme} included).
   */
  String scheme();

  /** Reads on: the next part of the current request's body, or (HTTP/1.1) the next request. */
  void requestMore();

  /**
   * The current exchange is over (its answer written, its request read): with {@code keepAlive},
   * the connection serves the next request; without, it closes (a stream whose request was not read
   * to its end is reset).
   */
  void exchangeDone(Exchange done, boolean keepAlive);

  /**
   * Marks the connection as closing: whatever was pipelined behind the request being refused is
   * dropped, never forwarded. A stream has nothing behind it: the mark does not apply.
   */
  void closing();

  boolean isClosing();
}
