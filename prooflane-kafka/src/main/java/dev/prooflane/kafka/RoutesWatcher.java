package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Keeps the latest Kafka routes of the daemon: a daemon thread long-polls {@code GET
 * /kafka/routes?version=V&wait=S}, which answers once the routes differ from version V. A failed
 * call is retried with a growing delay and the last routes stay in force meanwhile; a warning names
 * the URL and the problem when an outage starts and every {@code warnEvery} while it lasts.
 */
final class RoutesWatcher extends RoutesSource {
  static final String PATH = "/kafka/routes";

  private final DaemonEndpoint daemon;
  private final Duration wait;

  RoutesWatcher(DaemonEndpoint daemon, Duration wait, Backoff backoff, Duration warnEvery) {
    super("prooflane-kafka-routes", backoff, warnEvery);
    this.daemon = requireNonNull(daemon, "daemon");
    this.wait = requireNonNull(wait, "wait");
  }

  /** The URL watched, for warnings. */
  @Override
  String url() {
    return daemon.uri(PATH).toString();
  }

  @Override
  void run() {
    while (!isClosed()) {
      Routes known = current();
      String query =
          known == null
              ? "?wait=" + wait.toSeconds()
              : "?version=" + known.version() + "&wait=" + wait.toSeconds();
      try {
        HttpResponse<String> response =
            daemon
                .client()
                .send(
                    daemon.request(PATH + query, wait.plusSeconds(15)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() == 200) {
          // Compared whole, not by version alone: a daemon that restarts may count afresh.
          received(RoutesJson.parse(response.body()));
          continue;
        }
        if (response.statusCode() == 204 || response.statusCode() == 304) {
          recovered();
          continue;
        }
        failed("HTTP " + response.statusCode() + " " + excerpt(response.body()));
      } catch (IOException | RoutesJson.RoutesFormatException e) {
        failed(e.getClass().getSimpleName() + ": " + e.getMessage());
      } catch (InterruptedException e) {
        return;
      }
      if (pause()) {
        return;
      }
    }
  }
}
