package dev.prooflane.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prooflane.local.TestEnvironment;
import dev.prooflane.local.process.Ports;
import dev.prooflane.model.Environment;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.auth.AdminTokenFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's address exists before the services start (they get it in their environment), and
 * answers 503 until the daemon serves.
 */
class DaemonStartIT {
  @TempDir Path dir;

  @Test
  void theApiAnswers503WhileTheServicesStartAndServesOnceTheyAreUp() throws Exception {
    Path gate = dir.resolve("gate");
    Path seen = dir.resolve("seen");
    Files.writeString(
        dir.resolve("prooflane.yaml"),
        """
        name: gated
        services:
          a:
            command:
              - sh
              - -c
              - |
                echo "$PROOFLANE_API" > '%s'
                while [ ! -f '%s' ]; do sleep 0.05; done
                exec %s
            env: {PORT: "${port}"}
            health: {timeout: 60s}
        """
            .formatted(seen, gate, TestEnvironment.echoCommand()));
    int port = Ports.freePort();
    ApiCalls api = new ApiCalls("http://127.0.0.1:" + port + "/api/v1");
    Environment env = EnvironmentReader.read(dir.resolve("prooflane.yaml"));
    CompletableFuture<Daemon> started =
        CompletableFuture.supplyAsync(
            () ->
                Daemon.start(
                    env,
                    dir.resolve("state"),
                    "127.0.0.1",
                    port,
                    Optional.empty(),
                    line -> {},
                    List.of()));
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(seen));
      assertThat(Files.readString(seen).strip()).isEqualTo(api.url());
      HttpResponse<String> starting = api.send("GET", "/kafka/routes", null, null);
      assertThat(starting.statusCode()).isEqualTo(503);
      assertThat(ApiCalls.json(starting).path("error").asText()).isEqualTo("starting");

      Files.writeString(gate, "");
      Daemon daemon = started.get(60, TimeUnit.SECONDS);
      String admin = AdminTokenFile.read(dir.resolve("state")).orElseThrow();
      assertThat(daemon.info().apiUrl()).isEqualTo(api.url());
      assertThat(api.send("GET", "/kafka/routes", admin, null).statusCode()).isEqualTo(200);
    } finally {
      Files.writeString(gate, "");
      started.thenAccept(Daemon::close).get(60, TimeUnit.SECONDS);
    }
  }
}
