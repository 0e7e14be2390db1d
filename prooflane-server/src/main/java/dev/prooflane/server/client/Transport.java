package dev.prooflane.server.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The HTTP exchanges of a {@link DaemonClient}: requests with a bearer token, JSON bodies written
 * from records, answers read as JSON or as NDJSON progress streams, errors as {@link
 * DaemonClientException}s.
 *
 * <p>Over {@link HttpURLConnection}, whose connections the JVM keeps alive and reuses: unlike
 * {@code java.net.http.HttpClient}, it makes no TLS context, selector thread or asynchronous
 * machinery for a plain-HTTP exchange, which cost every CLI command about 100 ms of its start.
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
      HttpURLConnection exchange = send("POST", path, body, "application/x-ndjson", 0);
      int status = exchange.getResponseCode();
      if (status >= 400) {
        throw failure(status, body(exchange, status));
      }
      String location = exchange.getHeaderField("Location");
      if (location != null) {
        listener.started(location.substring(location.lastIndexOf('/') + 1));
      }
      return lines(exchange, listener);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private JsonNode lines(HttpURLConnection exchange, ProgressListener listener) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(exchange.getInputStream(), StandardCharsets.UTF_8))) {
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
    try {
      HttpURLConnection exchange =
          send(method, path, body, "application/json", ANSWER_TIMEOUT_MILLIS);
      int status = exchange.getResponseCode();
      String text = body(exchange, status);
      if (status >= 400) {
        throw failure(status, text);
      }
      return text;
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** Opens an exchange and sends the request: token, {@code accept}, and {@code body} as JSON. */
  private HttpURLConnection send(
      String method, String path, Object body, String accept, int answerTimeoutMillis)
      throws IOException {
    HttpURLConnection exchange =
        (HttpURLConnection) URI.create(base + path).toURL().openConnection();
    exchange.setRequestMethod(method);
    exchange.setInstanceFollowRedirects(false);
    exchange.setUseCaches(false);
    exchange.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
    exchange.setReadTimeout(answerTimeoutMillis);
    exchange.setRequestProperty("Accept", accept);
    if (token != null) {
      exchange.setRequestProperty("Authorization", "Bearer " + token);
    }
    if (body != null) {
      byte[] json = Json.write(body).getBytes(StandardCharsets.UTF_8);
      exchange.setDoOutput(true);
      exchange.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = exchange.getOutputStream()) {
        out.write(json);
      }
    }
    return exchange;
  }

  /** The whole answer, read to its end so that the connection can serve the next exchange. */
  private static String body(HttpURLConnection exchange, int status) throws IOException {
    try (InputStream in = status >= 400 ? exchange.getErrorStream() : exchange.getInputStream()) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
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
