package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliIT {
  @TempDir Path dir;
  private final List<Long> pids = new ArrayList<>();

  private CliProcess.Result cli(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--state-dir");
    all.add(dir.resolve("state").toString());
    return CliProcess.run(dir, all.toArray(String[]::new));
  }

  @AfterEach
  void cleanUp() throws Exception {
    cli("down");
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private JsonNode up() throws Exception {
    CliProcess.Result up =
        cli("up", "--detach", "--api-port", "0", "-f", CliProcess.SYNC_SHOP.toString());
    assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
    assertThat(up.out()).contains("ready, API").contains("frontend");
    JsonNode status = cli("status", "--json").json();
    pids.add(status.path("pid").asLong());
    status.path("services").forEach(s -> pids.add(s.path("pid").asLong()));
    return status;
  }

  /** Orphans are re-parented to PID 1, which may take a moment to reap the killed ones. */
  private void assertAllGone() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(pids)
                    .allSatisfy(
                        pid -> assertThat(CliProcess.alive(pid)).as("pid %d", pid).isFalse()));
  }

  @Test
  void badEnvironmentFileNamesLineAndField() throws Exception {
    Path bad = dir.resolve("prooflane.yaml");
    Files.writeString(bad, "services:\n  pricing:\n    comand: java -jar x.jar\n    port: high\n");
    CliProcess.Result result = cli("up", "-f", bad.toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            "prooflane.yaml:3:5: services.pricing.comand: unknown field (did you mean 'command'?")
        .contains("prooflane.yaml:4:")
        .contains("services.pricing.port");
  }

  @Test
  void commandsWithoutADaemonSayHowToStartOne() throws Exception {
    CliProcess.Result result = cli("sandbox", "list");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).contains("no daemon is running").contains("prooflane up");
  }

  @Test
  void tourOfTheCliAgainstARealDaemon() throws Exception {
    JsonNode status = up();
    assertThat(status.path("apiUrl").asText()).startsWith("http://127.0.0.1:").endsWith("/api/v1");
    String frontend = null;
    for (JsonNode service : status.path("services")) {
      if ("frontend".equals(service.path("name").asText())) {
        frontend = service.path("routerUrl").asText();
      }
    }
    assertThat(frontend).as(status.toString()).isNotNull();

    CliProcess.Result created =
        cli(
            "sandbox",
            "create",
            "pr-1",
            "--json",
            "--ttl",
            "10m",
            "--fork",
            "pricing=java -XX:TieredStopAtLevel=1 -cp ${artifact} dev.prooflane.examples.shop.pricing.PricingDiscountMain");
    assertThat(created.exitCode()).as(created.err()).isZero();
    JsonNode sandbox = created.json();
    assertThat(sandbox.path("phase").asText()).isEqualTo("READY");
    String key = sandbox.path("routingKey").asText();
    pids.add(sandbox.path("forks").get(0).path("pid").asLong());

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> keyed =
        http.send(
            HttpRequest.newBuilder(URI.create(frontend + "/products/1"))
                .header("baggage", "prooflane-key=" + key)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(keyed.body())
        .contains("{\"service\":\"pricing\",\"servedBy\":\"pr-1\"}")
        .contains("\"discount\"");

    CliProcess.Result hops = cli("hops", "--sandbox", "pr-1", "--json");
    assertThat(hops.json().path("hops").findValuesAsText("destination"))
        .contains("pr-1", "baseline");
    CliProcess.Result table = cli("hops", "--key", key);
    assertThat(table.out()).contains("SERVED BY").contains("pr-1");

    CliProcess.Result logs = cli("logs", "pricing", "--sandbox", "pr-1");
    assertThat(logs.out()).contains("applied discount 10% to item 1");

    CliProcess.Result list = cli("sandbox", "list");
    assertThat(list.out()).contains("pr-1").contains("READY").contains(key);

    CliProcess.Result duplicate = cli("sandbox", "create", "pr-1", "--fork", "pricing");
    assertThat(duplicate.exitCode()).isEqualTo(3);
    assertThat(duplicate.err()).contains("already exists");
    CliProcess.Result sameKey = cli("sandbox", "create", "pr-3", "--fork", "pricing", "--key", key);
    assertThat(sameKey.exitCode()).isEqualTo(3);
    assertThat(sameKey.err())
        .contains("routing key '" + key + "' is already used by sandbox 'pr-1'");

    CliProcess.Result unknown = cli("sandbox", "create", "pr-2", "--fork", "pricng");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("no service 'pricng'");

    assertThat(cli("sandbox", "delete", "pr-1").exitCode()).isZero();
    assertThat(cli("sandbox", "get", "pr-1").exitCode()).isEqualTo(3);

    CliProcess.Result down = cli("down");
    assertThat(down.exitCode()).isZero();
    assertAllGone();
  }

  @Test
  void sigtermOfTheDaemonLeavesNoProcessBehind() throws Exception {
    JsonNode status = up();
    long daemon = status.path("pid").asLong();
    new ProcessBuilder("kill", "-TERM", Long.toString(daemon)).start().waitFor();
    await().atMost(Duration.ofSeconds(30)).until(() -> !CliProcess.alive(daemon));
    assertAllGone();
  }

  @Test
  void afterKill9DownStopsWhatTheDaemonLeftBehind() throws Exception {
    JsonNode status = up();
    long daemon = status.path("pid").asLong();
    new ProcessBuilder("kill", "-KILL", Long.toString(daemon)).start().waitFor();
    await().atMost(Duration.ofSeconds(10)).until(() -> !CliProcess.alive(daemon));
    List<Long> services = pids.subList(1, pids.size());
    assertThat(services).anySatisfy(pid -> assertThat(CliProcess.alive(pid)).isTrue());

    CliProcess.Result down = cli("down");
    assertThat(down.exitCode()).isZero();
    assertThat(down.out()).contains("stopped leftover");
    assertAllGone();
  }
}
