package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.EchoEnvironment;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.ConsumptionRequest;
import dev.prooflane.server.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local commands run in this JVM (their output through picocli's writers) against real daemons
 * started here: one with the default key names, one with Signadot's.
 */
class LocalCommandsIT {
  @TempDir static Path dir;
  private static Path plain;
  private static Path signadot;
  private static Daemon plainDaemon;
  private static Daemon signadotDaemon;

  @BeforeAll
  static void start() throws Exception {
    plain = Files.createDirectories(dir.resolve("plain"));
    EchoEnvironment.echoSkill(plain);
    plainDaemon = daemon(EchoEnvironment.single(plain).file(), plain);
    signadot = Files.createDirectories(dir.resolve("signadot"));
    signadotDaemon = daemon(EchoEnvironment.compat(signadot, "signadot").file(), signadot);
  }

  private static Daemon daemon(Path envFile, Path home) throws Exception {
    return Daemon.start(
        EnvironmentReader.read(envFile),
        home.resolve("state"),
        "127.0.0.1",
        0,
        Optional.empty(),
        line -> {},
        List.of());
  }

  @AfterAll
  static void stop() {
    for (Daemon d : new Daemon[] {plainDaemon, signadotDaemon}) {
      if (d != null) {
        d.close();
      }
    }
  }

  @AfterEach
  void deleteSandboxes() {
    for (Path home : List.of(plain, signadot)) {
      for (JsonNode s : json(cli(home, "sandbox", "list", "--json")).path("sandboxes")) {
        assertThat(cli(home, "sandbox", "delete", s.path("name").asText()).exitCode()).isZero();
      }
    }
  }

  /** {@code prooflane ARGS --state-dir HOME/state}, in process. */
  private static CliRun.Result cli(Path home, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--state-dir");
    all.add(home.resolve("state").toString());
    return CliRun.run(all.toArray(String[]::new));
  }

  private static JsonNode json(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.err()).isZero();
    try {
      return Json.mapper().readTree(result.out());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + result.out(), e);
    }
  }

  @Test
  void sandboxCreateListGetAndDeleteWriteToTheCommandsOutput() {
    CliRun.Result created = cli(plain, "sandbox", "create", "pr-1", "--fork", "a", "--ttl", "10m");

    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("sandbox pr-1: READY")
        .contains("phase       READY")
        .contains("curl -H 'baggage: prooflane-key=");
    JsonNode list = json(cli(plain, "sandbox", "list", "--json"));
    assertThat(list.path("sandboxes").findValuesAsText("name")).containsExactly("pr-1");
    String key = list.path("sandboxes").get(0).path("routingKey").asText();
    assertThat(cli(plain, "sandbox", "list").out()).contains("pr-1").contains(key).contains("a(");
    assertThat(json(cli(plain, "sandbox", "get", "pr-1", "--json")).path("routingKey").asText())
        .isEqualTo(key);

    CliRun.Result deleted = cli(plain, "sandbox", "delete", "pr-1");
    assertThat(deleted.out()).isEqualTo("sandbox pr-1 deleted\n");
    assertThat(cli(plain, "sandbox", "list").out()).isEqualTo("no sandboxes\n");
  }

  @Test
  void theHintAfterCreateNamesTheCarriersOfTheEnvironmentsKeyNames() {
    CliRun.Result created = cli(signadot, "sandbox", "create", "sd-1", "--fork", "a");

    assertThat(created.exitCode()).as(created.err()).isZero();
    String key =
        json(cli(signadot, "sandbox", "get", "sd-1", "--json")).path("routingKey").asText();
    assertThat(created.out())
        .contains("  curl -H 'baggage: sd-routing-key=" + key + "'")
        .contains("'tracestate: sd-routing-key=" + key + "'")
        .contains("'uberctx-sd-routing-key: " + key + "'")
        .doesNotContain("prooflane-key");
  }

  @Test
  void aSandboxFileIsCheckedWithItsOwnLinesBeforeItIsSent() throws Exception {
    Path file = dir.resolve("pr-2.yaml");
    Files.writeString(file, "name: pr-2\nforks:\n  - service: a\n    comand: x\n");

    CliRun.Result bad = cli(plain, "sandbox", "create", "-f", file.toString());

    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err())
        .startsWith("prooflane: " + file + ":4:5: ")
        .contains("comand: unknown field (did you mean 'command'?");
    Files.writeString(file, "name: pr-2\nttl: 5m\nforks:\n  - service: a\n");
    CliRun.Result good = cli(plain, "sandbox", "create", "-f", file.toString(), "--json");
    assertThat(json(good).path("ttl").asText()).isEqualTo("5m");
  }

  @Test
  void statusShowsTheEnvironmentItsServicesAndKeyNames() {
    CliRun.Result status = cli(plain, "status");

    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out())
        .startsWith("environment echo (" + plain.resolve("prooflane.yaml"))
        .contains("API " + plainDaemon.info().apiUrl())
        .contains("SERVICE")
        .contains("running")
        .endsWith("no sandboxes\n");
    assertThat(json(cli(signadot, "status", "--json")).path("keyNames").path("header").asText())
        .isEqualTo("uberctx-sd-routing-key");
  }

  @Test
  void skillListRunAndVerifyOfItsReport() throws Exception {
    assertThat(cli(plain, "skill", "list").out())
        .startsWith("SKILL")
        .contains("echo")
        .contains("In the daemon's tests.");
    Path reports = dir.resolve("reports");

    CliRun.Result run = cli(plain, "skill", "run", "echo", "--out", reports.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("verdict PASS — echo on the baseline");
    Path report = reports.resolve("report.json");
    CliRun.Result verified = CliRun.run("verify", report.toString(), "--require-pass");
    assertThat(verified.exitCode()).as(verified.err()).isZero();
    assertThat(verified.out()).startsWith("authentic: " + report).contains("verdict PASS");

    Path statement = reports.resolve("statement.json");
    Files.writeString(statement, Files.readString(statement).replace("\"PASS\"", "\"FAIL\""));
    CliRun.Result tampered = CliRun.run("verify", report.toString());
    assertThat(tampered.exitCode()).isEqualTo(1);
    assertThat(tampered.err())
        .startsWith("NOT authentic: " + report)
        .contains("statement.json does not say what the signed payload says");
  }

  @Test
  void hopsShowTheRecordsAConsumerReceivedAndWhoConsumedThem() {
    DaemonClient client =
        new DaemonClient(
            plainDaemon.info().apiUrl(), AdminTokenFile.read(plain.resolve("state")).orElseThrow());
    client.consumptions(
        new ConsumptionRequest(
            "a",
            "pr-9",
            "notifier-pr-9",
            List.of(
                new ConsumptionRequest.ConsumedRecord(
                    "orders", 1, 42, "k7q2m9x4z1ab", null, Instant.now(), 12))));

    CliRun.Result table = cli(plain, "hops", "--key", "k7q2m9x4z1ab");
    JsonNode hops = json(cli(plain, "hops", "--key", "k7q2m9x4z1ab", "--json")).path("hops");

    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(table.out().lines().skip(1).findFirst().orElseThrow())
        .containsPattern(
            "k7q2m9x4z1ab +a +pr-9 +- +- +\\[kafka] CONSUME orders/1@42 group notifier-pr-9$");
    assertThat(hops.get(0).path("record").toString())
        .isEqualTo(
            "{\"topic\":\"orders\",\"partition\":1,\"offset\":42,\"group\":\"notifier-pr-9\"}");
  }

  @Test
  void aCommandWithoutADaemonSaysHowToStartOneOnItsErrorWriter() {
    CliRun.Result result = cli(dir.resolve("nowhere"), "sandbox", "list");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("prooflane: no daemon is running for");
  }
}
