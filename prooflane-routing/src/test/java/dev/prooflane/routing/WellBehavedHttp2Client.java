package dev.prooflane.routing;

import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.time.Duration;

/**
 * A well-behaved HTTP/2 client with prior knowledge on one connection of its own: it sends the
 * preface, acknowledges the router's SETTINGS once they arrive, and sends each request as one
 * HEADERS frame that ends its stream, on the next stream of the connection. It never opens another
 * connection, and what it received is the router's frames as they came off the socket (see {@link
 * RawHttp2Connection}): a request without an answer shows exactly what did arrive. Its answers are
 * small bodies, well within the flow-control windows it starts with, so it sends no WINDOW_UPDATE.
 */
final class WellBehavedHttp2Client implements AutoCloseable {
  private static final Duration HANDSHAKE_WAIT = Duration.ofSeconds(5);

  /** A complete answer: the status and the body of a stream the router ended. */
  record Answer(int status, String body) {}

  private final RawHttp2Connection connection;

  /** One HPACK encoder for the connection: its dynamic table is the one the router decodes with. */
  private final Http2FrameBytes frames = new Http2FrameBytes();

  private final String authority;
  private int nextStream = 1;

  WellBehavedHttp2Client(int port) {
    connection = new RawHttp2Connection(port);
    authority = "127.0.0.1:" + port;
    connection.startReading();
    send("the preface", frames.preface().take());
    // polled closely: on a router with a short keep-alive timeout, the first request follows soon
    await()
        .atMost(HANDSHAKE_WAIT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(2))
        .until(() -> connection.settingsReceived() || connection.closed());
    if (!connection.settingsReceived()) {
      throw new AssertionError("the router closed the connection before its SETTINGS frame");
    }
    send("the SETTINGS acknowledgement", frames.settingsAck().take());
  }

  /** Sends {@code GET path} on the next stream; returns the stream's id. */
  int get(String path) {
    int stream = nextStream;
    nextStream += 2;
    Http2Headers request =
        new DefaultHttp2Headers().method("GET").scheme("http").authority(authority).path(path);
    send("GET " + path + " on stream " + stream, frames.headers(stream, request, true).take());
    return stream;
  }

  /** The answer on {@code stream} once the router has ended it, else null. */
  Answer answer(int stream) {
    if (!connection.ended(stream)) {
      return null;
    }
    Http2Headers headers = connection.responseHeaders(stream);
    int status = headers == null ? 0 : Integer.parseInt(headers.status().toString());
    return new Answer(status, connection.responseBody(stream));
  }

  /** Whether the router ended the connection. */
  boolean closed() {
    return connection.closed();
  }

  RawHttp2Connection.GoAway goAway() {
    return connection.goAway();
  }

  /** What arrived for {@code stream} and on the connection: for a failure message. */
  String received(int stream) {
    return "stream "
        + stream
        + ": headers "
        + connection.responseHeaders(stream)
        + ", body '"
        + connection.responseBody(stream)
        + "', ended "
        + connection.ended(stream)
        + ", reset "
        + connection.reset(stream)
        + "; connection: GOAWAY "
        + connection.goAway()
        + ", closed "
        + connection.closed();
  }

  private void send(String what, byte[] bytes) {
    if (!connection.send(bytes)) {
      throw new AssertionError("the router closed the connection before " + what);
    }
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
