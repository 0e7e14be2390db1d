package dev.prooflane.server.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The HTTP exchanges of a {@link DaemonClient}: requests with a bearer token, JSON bodies written
 * from records, answers read as JSON or as NDJSON progress streams, errors as {@link
 * DaemonClientException}s.
 *
 * <p>Each exchange is an {@link Exchange} on a connection of its own: unlike {@code
 * java.net.http.HttpClient}, it makes no TLS context, selector thread or asynchronous machinery for
 * a plain-HTTP exchange (about 100 ms of every CLI command's start), and unlike {@code
 * HttpURLConnection} it makes no URL, whose first one opens every jar on the class path.
 */
final class Transport {
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int ANSWER_TIMEOUT_MILLIS = 15 * 60_000;

  private final String base;
  private final String token;

  Transport(String base, String token) {
    this.base = base;
    this.token = token;
  }

  String base() {
    return base;
  }

  String token() {
    return token;
  }

  JsonNode get(String path) {
    return json(text("GET", path, null));
  }

  /** The body of a {@code GET} as it came, for answers that are not JSON. */
  String getText(String path) {
    return text("GET", path, null);
  }

  JsonNode delete(String path) {
    return json(text("DELETE", path, null));
  }

  JsonNode post(String path, Object body) {
    return json(text("POST", path, body));
  }

  /**
   * POSTs {@code body} and reads a streamed NDJSON answer: each {@code progress} line goes to
   * {@code progress}; returns the last line, or throws for an {@code error} line.
   */
  JsonNode postStreaming(String path, Object body, Consumer<String> progress) {
    return postStreaming(path, body, ProgressListener.of(progress));
  }

  /**
   * As {@link #postStreaming(String, Object, Consumer)}; {@code listener} also hears the id of what
   * the daemon started (the last segment of the answer's {@code Location}) before any line.
   */
  JsonNode postStreaming(String path, Object body, ProgressListener listener) {
    try {
      // no answer timeout: a sandbox or a validation takes as long as it takes, saying so
      try (Exchange exchange = send("POST", path, body, "application/x-ndjson", 0)) {
        if (exchange.status() >= 400) {
          throw failure(exchange.status(), body(exchange));
        }
        String location = exchange.header("Location");
        if (location != null) {
          listener.started(location.substring(location.lastIndexOf('/') + 1));
        }
        return lines(exchange, listener);
      }
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private JsonNode lines(Exchange exchange, ProgressListener listener) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(exchange.body(), StandardCharsets.UTF_8))) {
      JsonNode last = null;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = Json.mapper().readTree(line);
        if (node.has("progress")) {
          listener.progress(node.get("progress").asText());
        } else if (node.has("error")) {
          throw failure(statusFor(node.get("error").asText()), line);
        } else {
          last = node;
        }
      }
      if (last == null) {
        throw new DaemonClientException(
            502, "no_result", "the daemon closed the stream without a result (see its log)");
      }
      return last;
    }
  }

  /** {@code node} as a {@code type}; an answer of another shape is a 502. */
  <T> T read(JsonNode node, Class<T> type) {
    try {
      return Json.mapper().treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new DaemonClientException(
          502,
          "invalid_answer",
          "the daemon at "
              + base
              + " answered with a "
              + type.getSimpleName()
              + " this client cannot read ("
              + e.getMessage()
              + "); is it the same version as this client?");
    }
  }

  /** The body of an exchange that must answer within 15 minutes; 4xx and 5xx throw. */
  private String text(String method, String path, Object body) {
    try (Exchange exchange = send(method, path, body, "application/json", ANSWER_TIMEOUT_MILLIS)) {
      String text = body(exchange);
      if (exchange.status() >= 400) {
        throw failure(exchange.status(), text);
      }
      return text;
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /**
   * Sends the request: token, {@code accept}, and {@code body} as JSON; reads the answer's head.
   */
  private Exchange send(
      String method, String path, Object body, String accept, int answerTimeoutMillis)
      throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", accept);
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    byte[] json = null;
    if (body != null) {
      json = Json.write(body).getBytes(StandardCharsets.UTF_8);
      headers.put("Content-Type", "application/json");
    }
    return Exchange.send(
        URI.create(base + path),
        method,
        headers,
        json,
        CONNECT_TIMEOUT_MILLIS,
        answerTimeoutMillis);
  }

  /** The whole answer. */
  private static String body(Exchange exchange) throws IOException {
    return new String(exchange.body().readAllBytes(), StandardCharsets.UTF_8);
  }

  private JsonNode json(String body) {
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private DaemonClientException unreachable(IOException e) {
    String why =
        e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
    return new DaemonClientException(
        0,
        "unreachable",
        "cannot reach the daemon at "
            + base
            + " ("
            + why
            + "); is it running? see: prooflane status");
  }

  private static int statusFor(String error) {
    return switch (error) {
      case "invalid_spec", "invalid_request" -> 400;
      case "unauthorized" -> 401;
      case "forbidden" -> 403;
      case "not_found" -> 404;
      case "conflict" -> 409;
      case "internal" -> 500;
      case "state_unavailable" -> 503;
      case "insufficient_storage" -> 507;
      default -> 422;
    };
  }

  private static DaemonClientException failure(int status, String body) {
    String message = body;
    String code = "http_" + status;
    try {
      JsonNode node = Json.mapper().readTree(body);
      if (node.hasNonNull("message")) {
        message = node.get("message").asText();
      }
      if (node.hasNonNull("error")) {
        code = node.get("error").asText();
      }
    } catch (IOException e) {
      // not JSON: keep the body as it came
    }
    return new DaemonClientException(status, code, message);
  }
}
