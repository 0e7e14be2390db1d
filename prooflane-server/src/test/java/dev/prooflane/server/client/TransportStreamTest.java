package dev.prooflane.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NDJSON answers over the transport: progress lines as they come, the result line, and an error
 * line with the status its code stands for.
 */
class TransportStreamTest {
  private HttpServer server;
  private volatile String answer;
  private volatile String requestBody;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
    exchange.sendResponseHeaders(200, 0); // chunked, as the daemon streams
    try (OutputStream out = exchange.getResponseBody()) {
      for (String line : answer.split("\n", -1)) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
  }

  private Transport transport() {
    return new Transport(
        "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort(),
        "secret");
  }

  @Test
  void aStreamedAnswerPassesEachProgressLineOnAndReturnsTheResult() {
    answer =
        """
        {"progress":"pricing: starting"}
        {"progress":"pricing: healthy after 1 s"}
        {"restart":{"service":"pricing"}}""";
    List<String> progress = new CopyOnWriteArrayList<>();

    JsonNode last = transport().postStreaming("/services/pricing/restart", Map.of(), progress::add);

    assertThat(progress).containsExactly("pricing: starting", "pricing: healthy after 1 s");
    assertThat(last.path("restart").path("service").asText()).isEqualTo("pricing");
    assertThat(requestBody).isEqualTo("{}");
  }

  @Test
  void anErrorLineForAStateFolderThatCannotBeWrittenCarriesItsStatus() {
    answer =
        """
        {"progress":"pricing: starting"}
        {"error":"insufficient_storage","message":"cannot append to the audit log"}""";

    DaemonClientException full =
        catchThrowableOfType(
            DaemonClientException.class,
            () -> transport().postStreaming("/environment/apply", Map.of(), line -> {}));

    assertThat(full.status()).isEqualTo(507);
    assertThat(full.code()).isEqualTo("insufficient_storage");
    assertThat(full.getMessage()).isEqualTo("cannot append to the audit log");

    answer = "{\"error\":\"state_unavailable\",\"message\":\"read-only\"}";
    DaemonClientException readOnly =
        catchThrowableOfType(
            DaemonClientException.class,
            () -> transport().postStreaming("/environment/apply", Map.of(), line -> {}));
    assertThat(readOnly.status()).isEqualTo(503);
  }

  @Test
  void aStreamThatEndsWithoutAResultIsA502() {
    answer = "{\"progress\":\"pricing: starting\"}";

    DaemonClientException cut =
        catchThrowableOfType(
            DaemonClientException.class,
            () -> transport().postStreaming("/services/pricing/restart", Map.of(), line -> {}));

    assertThat(cut.status()).isEqualTo(502);
    assertThat(cut.code()).isEqualTo("no_result");
  }
}
