package dev.prooflane.cli;

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

/** A small client of the daemon's REST API; errors become {@link CliException}s with exit codes. */
final class ApiClient {
  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  ApiClient(String base) {
    this.base = base;
  }

  String base() {
    return base;
  }

  JsonNode get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  JsonNode delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  JsonNode post(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * POSTs and reads a streamed NDJSON answer: each {@code progress} line goes to {@code progress};
   * returns the last line, or throws for an {@code error} line.
   */
  JsonNode postStreaming(String path, String json, Consumer<String> progress) {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
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
      throw new CliException(ExitCode.INTERNAL, "interrupted");
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
        throw new CliException(
            ExitCode.STATE, "the daemon closed the stream without a result (see its log)");
      }
      return last;
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create(base + path);
  }

  private JsonNode send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          http.send(
              builder.timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 400) {
        throw failure(response.statusCode(), response.body());
      }
      return Json.mapper().readTree(response.body());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.INTERNAL, "interrupted");
    }
  }

  private CliException unreachable(IOException e) {
    String why =
        e instanceof ConnectException ? "connection refused" : String.valueOf(e.getMessage());
    return new CliException(
        ExitCode.STATE,
        "cannot reach the daemon at "
            + base
            + " ("
            + why
            + "); is it running? see: prooflane status");
  }

  private static int statusFor(String error) {
    return switch (error) {
      case "invalid_spec", "invalid_request" -> 400;
      case "not_found" -> 404;
      case "conflict" -> 409;
      default -> 422;
    };
  }

  private static CliException failure(int status, String body) {
    String message = body;
    try {
      JsonNode node = Json.mapper().readTree(body);
      if (node.hasNonNull("message")) {
        message = node.get("message").asText();
      }
    } catch (IOException e) {
      // not JSON: show the body as it came
    }
    int code =
        status == 400
            ? ExitCode.USAGE
            : status >= 500 && status != 503 ? ExitCode.INTERNAL : ExitCode.STATE;
    if (status == 422) {
      code = ExitCode.STATE;
    }
    return new CliException(code, message);
  }
}
