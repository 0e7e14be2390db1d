package dev.prooflane.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A small client of the daemon's REST API under {@code /api/v1}, sending a bearer token; errors are
 * {@link DaemonClientException}s.
 */
public final class DaemonClient {
  private final String base;
  private final String token;
  private final HttpClient http;

  /** A client without a token, of the API at {@code base}; the daemon answers it 401. */
  public DaemonClient(String base) {
    this(base, null);
  }

  /**
   * A client of the API at {@code base}, such as {@code http://127.0.0.1:7474/api/v1}, sending
   * {@code token} (none when null).
   */
  public DaemonClient(String base, String token) {
    this(
        base,
        token,
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build());
  }

  private DaemonClient(String base, String token, HttpClient http) {
    this.base = base;
    this.token = token;
    this.http = http;
  }

  /** This client (and its connections) with {@code token} instead of its own. */
  public DaemonClient withToken(String token) {
    return java.util.Objects.equals(token, this.token) ? this : new DaemonClient(base, token, http);
  }

  public String base() {
    return base;
  }

  public JsonNode get(String path) {
    return send(request(path).GET());
  }

  public JsonNode delete(String path) {
    return send(request(path).DELETE());
  }

  public JsonNode post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * POSTs and reads a streamed NDJSON answer: each {@code progress} line goes to {@code progress};
   * returns the last line, or throws for an {@code error} line.
   */
  public JsonNode postStreaming(String path, String json, Consumer<String> progress) {
    HttpRequest request =
        request(path)
            .header("Content-Type", "application/json")
            .header("Accept", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(json))
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
      JsonNode last = null;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = Json.mapper().readTree(line);
        if (node.has("progress")) {
          progress.accept(node.get("progress").asText());
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

  /** URL-encodes a path segment or query value. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private JsonNode send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          http.send(
              builder.timeout(Duration.ofMinutes(15)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 400) {
        throw failure(response.statusCode(), response.body());
      }
      return Json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DaemonClientException(0, "interrupted", "interrupted");
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
