package dev.prooflane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.client.DaemonClientException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The daemon client as commands use it: its errors become {@link CliException}s with exit codes.
 */
final class ApiClient {
  private final DaemonClient client;

  /** A client of the API at {@code base} sending {@code token} (none when null). */
  ApiClient(String base, String token) {
    this.client = new DaemonClient(base, token);
  }

  String base() {
    return client.base();
  }

  JsonNode get(String path) {
    return call(() -> client.get(path));
  }

  JsonNode delete(String path) {
    return call(() -> client.delete(path));
  }

  JsonNode post(String path, String json) {
    return call(() -> client.post(path, json));
  }

  JsonNode postStreaming(String path, String json, Consumer<String> progress) {
    return call(() -> client.postStreaming(path, json, progress));
  }

  static String encode(String value) {
    return DaemonClient.encode(value);
  }

  private static JsonNode call(Supplier<JsonNode> call) {
    try {
      return call.get();
    } catch (DaemonClientException e) {
      throw new CliException(exitCode(e), e.getMessage());
    }
  }

  /**
   * 2 for a refused request, 4 for a daemon bug, 3 otherwise (unreachable, not found, conflict).
   */
  static int exitCode(DaemonClientException e) {
    int status = e.status();
    if (status == 400) {
      return ExitCode.USAGE;
    }
    if (status >= 500 && status != 502 && status != 503) {
      return ExitCode.INTERNAL;
    }
    return ExitCode.STATE;
  }
}
