package dev.prooflane.local.process;

import dev.prooflane.model.HealthCheck;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A call of {@code grpc.health.v1.Health/Check} over h2c: ready when it answers {@code SERVING}.
 * The call is a POST of one length-prefixed message; the answer's {@code grpc-status} comes in its
 * trailers, or alone in its headers (a trailers-only answer, as for {@code UNIMPLEMENTED}).
 */
record GrpcHealthTry(String host, int port, HealthCheck.GrpcHealth probe) implements HealthTry {
  /** The gRPC status codes by number (grpc/doc/statuscodes.md). */
  private static final List<String> CODES =
      List.of(
          "OK",
          "CANCELLED",
          "UNKNOWN",
          "INVALID_ARGUMENT",
          "DEADLINE_EXCEEDED",
          "NOT_FOUND",
          "ALREADY_EXISTS",
          "PERMISSION_DENIED",
          "RESOURCE_EXHAUSTED",
          "FAILED_PRECONDITION",
          "ABORTED",
          "OUT_OF_RANGE",
          "UNIMPLEMENTED",
          "INTERNAL",
          "UNAVAILABLE",
          "DATA_LOSS",
          "UNAUTHENTICATED");

  /** A grpc-message longer than this is cut in messages. */
  private static final int MESSAGE_CHARS = 200;

  @Override
  public CompletableFuture<HealthAnswer> send(Duration timeout) {
    Http2Headers request =
        H2cExchange.request("POST", host, port, HealthCheck.GrpcHealth.PATH)
            .add("content-type", "application/grpc")
            .add("te", "trailers");
    return H2cExchange.send(host, port, request, HealthMessages.request(probe.service()), timeout)
        .thenApply(GrpcHealthTry::answer);
  }

  @Override
  public String target() {
    return probe.describe() + " at " + host + ":" + port;
  }

  private static HealthAnswer answer(H2cAnswer answer) {
    if (answer.status() != 200) {
      return HealthAnswer.http(answer.status());
    }
    Http2Headers end = answer.trailers() == null ? answer.headers() : answer.trailers();
    CharSequence status = end.get("grpc-status");
    if (status == null) {
      return new HealthAnswer(false, "HTTP 200 without grpc-status (not a gRPC answer)");
    }
    int code = code(status);
    if (code != 0) {
      CharSequence message = end.get("grpc-message");
      return new HealthAnswer(false, "gRPC " + name(code) + message(message));
    }
    try {
      String serving = HealthMessages.servingStatus(answer.body());
      return new HealthAnswer("SERVING".equals(serving), "health " + serving);
    } catch (IOException e) {
      return new HealthAnswer(false, "gRPC OK but " + e.getMessage());
    }
  }

  private static int code(CharSequence status) {
    try {
      return Integer.parseInt(status.toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String name(int code) {
    return code >= 0 && code < CODES.size() ? CODES.get(code) : "status " + code;
  }

  private static String message(CharSequence message) {
    if (message == null || message.length() == 0) {
      return "";
    }
    String text = message.toString();
    return ": " + (text.length() > MESSAGE_CHARS ? text.substring(0, MESSAGE_CHARS) + "..." : text);
  }
}
