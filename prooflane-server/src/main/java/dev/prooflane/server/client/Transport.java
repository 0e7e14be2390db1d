package dev.prooflane.server.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The HTTP exchanges of a {@link DaemonClient}: requests with a bearer token, JSON bodies written
 * from records, answers read as JSON or as NDJSON progress streams, errors as {@link
 * DaemonClientException}s.
 */
final class Transport {
  private final String base;
  private final String token;
  private final HttpClient http;

  Transport(String base, String token, HttpClient http) {
    this.base = base;
    this.token = token;
    this.http = http;
  }

  static HttpClient newHttpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  String base() {
    return base;
  }

  String token() {
    return token;
  }

  HttpClient http() {
    return http;
  }

  JsonNode get(String path) {
    return json(text(request(path).GET()));
  }

  /** The body of a {@code GET} as it came, for answers that are not JSON. */
  String getText(String path) {
    return text(request(path).GET());
  }

  JsonNode delete(String path) {
    return json(text(request(path).DELETE()));
  }

  JsonNode post(String path, Object body) {
    return json(
        text(
            request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))));
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
    HttpRequest request =
        request(path)
            .header("Content-Type", "application/json")
            .header("Accept", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
            .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DaemonClientException(0, "interrupted", "interrupted");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      if (response.statusCode() >= 400) {
        StringBuilder all = new StringBuilder();
        reader.lines().forEach(all::append);
        throw failure(response.statusCode(), all.toString());
      }
      response
          .headers()
          .firstValue("Location")
          .ifPresent(l -> listener.started(l.substring(l.lastIndexOf('/') + 1)));
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
    } catch (IOException e) {
      throw unreachable(e);
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

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private String text(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          http.send(
              builder.timeout(Duration.ofMinutes(15)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 400) {
        throw failure(response.statusCode(), response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DaemonClientException(0, "interrupted", "interrupted");
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
