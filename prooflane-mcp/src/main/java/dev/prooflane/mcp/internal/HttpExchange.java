package dev.prooflane.mcp.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.prooflane.mcp.protocol.Outbound;
import dev.prooflane.server.json.Json;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;

/**
 * The answer to one POSTed request: one JSON response, or, once a notification about the request
 * (progress, a log message) comes before its response and the client accepts it, a stream of
 * server-sent events that ends with the response. A cancelled request ends its stream, or is
 * answered 202 with no body. Writes happen on the request's Vert.x context, in order.
 */
final class HttpExchange implements Outbound {
  private final HttpServerResponse response;
  private final Context context;
  private final boolean streamAccepted;
  private boolean streaming;
  private boolean done;

  HttpExchange(HttpServerResponse response, Context context, boolean streamAccepted) {
    this.response = response;
    this.context = context;
    this.streamAccepted = streamAccepted;
  }

  @Override
  public synchronized void send(ObjectNode message) {
    if (done) {
      return;
    }
    String json = Json.write(message);
    boolean notification = message.has("method");
    if (notification) {
      if (!streamAccepted) {
        return; // a client that takes JSON only gets the response alone
      }
      boolean start = !streaming;
      streaming = true;
      context.runOnContext(
          v -> {
            if (start) {
              startStream();
            }
            event(json);
          });
      return;
    }
    done = true;
    if (streaming) {
      context.runOnContext(
          v -> {
            event(json);
            response.end();
          });
    } else {
      context.runOnContext(
          v -> {
            if (!response.ended() && !response.closed()) {
              response.setStatusCode(200).putHeader("Content-Type", "application/json").end(json);
            }
          });
    }
  }

  @Override
  public synchronized void abandon() {
    if (done) {
      return;
    }
    done = true;
    boolean stream = streaming;
    context.runOnContext(
        v -> {
          if (response.ended() || response.closed()) {
            return;
          }
          if (stream) {
            response.end();
          } else {
            response.setStatusCode(202).end();
          }
        });
  }

  /** Whether the response was sent, or the request abandoned. */
  synchronized boolean done() {
    return done;
  }

  private void startStream() {
    if (response.closed()) {
      return;
    }
    response
        .setStatusCode(200)
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache");
  }

  private void event(String json) {
    if (!response.ended() && !response.closed()) {
      response.write("event: message\ndata: " + json + "\n\n");
    }
  }
}
