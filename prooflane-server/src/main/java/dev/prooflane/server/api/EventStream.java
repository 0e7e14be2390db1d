package dev.prooflane.server.api;

import dev.prooflane.server.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * A Server-Sent Events answer fed by polling: {@link #every} runs a poll on the event loop until
 * the client goes away; each poll sends what is new with {@link #send}. A comment is sent now and
 * then so that proxies and browsers keep an idle stream open. A client that does not read is cut
 * off rather than buffered for without end; an {@code EventSource} reconnects with {@code
 * Last-Event-ID} and misses nothing still kept.
 */
final class EventStream {
  /** How often an idle stream gets a keep-alive comment. */
  static final long PING_MILLIS = 15_000;

  private final Vertx vertx;
  private final HttpServerResponse response;
  private long pollTimer = -1;
  private long pingTimer = -1;
  private boolean closed;

  private EventStream(Vertx vertx, HttpServerResponse response) {
    this.vertx = vertx;
    this.response = response;
  }

  /** Starts the event-stream answer of {@code ctx} (200, {@code text/event-stream}). */
  static EventStream open(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response
        .setStatusCode(200)
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    EventStream stream = new EventStream(ctx.vertx(), response);
    response.closeHandler(v -> stream.stop());
    response.exceptionHandler(e -> stream.stop());
    response.write(": open\n\n");
    stream.pingTimer = ctx.vertx().setPeriodic(PING_MILLIS, id -> stream.write(": ping\n\n"));
    return stream;
  }

  /**
   * The event id a reconnecting {@code EventSource} sends ({@code Last-Event-ID}), else the query
   * parameter {@code since}, or -1 when neither is there.
   */
  static long resumeFrom(RoutingContext ctx) {
    String text = ctx.request().getHeader("Last-Event-ID");
    String name = "Last-Event-ID";
    if (text == null || text.isBlank()) {
      text = ctx.request().getParam("since");
      name = "since";
    }
    if (text == null || text.isBlank()) {
      return -1;
    }
    try {
      long seq = Long.parseLong(text.strip());
      if (seq >= 0) {
        return seq;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException(
        name + ": '" + text + "' (expected: the seq of the last event received, 0 or more)");
  }

  /** Runs {@code poll} now and then every {@code millis} until the stream ends. */
  void every(long millis, Runnable poll) {
    poll.run();
    if (!closed) {
      pollTimer = vertx.setPeriodic(millis, id -> poll.run());
    }
  }

  /**
   * Sends one event; false when the stream has ended (the client went away, or read too slowly and
   * was cut off).
   */
  boolean send(String event, long id, Object data) {
    return write("id: " + id + "\nevent: " + event + "\ndata: " + Json.write(data) + "\n\n");
  }

  /** Whether the stream has ended. */
  boolean closed() {
    return closed;
  }

  private boolean write(String text) {
    if (closed) {
      return false;
    }
    if (response.writeQueueFull()) {
      // the client does not read: end the stream instead of holding its backlog in memory
      stop();
      response.reset();
      return false;
    }
    response.write(text);
    return true;
  }

  private void stop() {
    closed = true;
    vertx.cancelTimer(pollTimer);
    vertx.cancelTimer(pingTimer);
  }

  /** Whether {@code filter} is unset or equals {@code value}. */
  static boolean matches(String filter, String value) {
    return filter == null || filter.equals(value);
  }
}
