package dev.prooflane.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.model.KeyNames;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.EchoEnvironment;
import dev.prooflane.server.api.ApiPath;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.json.ForkRequest;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.RunView;
import dev.prooflane.server.json.SandboxRequest;
import dev.prooflane.server.json.SandboxView;
import dev.prooflane.server.json.SkillRunRequest;
import dev.prooflane.server.json.TokenRequest;
import dev.prooflane.server.json.ValidationRequest;
import dev.prooflane.server.json.ValidationView;
import dev.prooflane.server.runs.Validations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed client against a real daemon: each call, and the views read back byte for byte. */
class DaemonClientIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static Daemon daemon;
  private static String token;
  private static DaemonClient client;

  @BeforeAll
  static void start() throws Exception {
    EchoEnvironment.echoSkill(dir);
    daemon =
        Daemon.start(
            EchoEnvironment.single(dir),
            dir.resolve("state"),
            "127.0.0.1",
            0,
            Optional.empty(),
            line -> {},
            List.of());
    token = AdminTokenFile.read(dir.resolve("state")).orElseThrow();
    client = new DaemonClient(daemon.info().apiUrl(), token);
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  /** The body the daemon answers a plain {@code GET path}. */
  private static String raw(String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(daemon.info().apiUrl() + path))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  @Test
  void createsReadsAndDeletesASandboxWithProgress() throws Exception {
    List<String> progress = new ArrayList<>();
    SandboxView created =
        client.createSandbox(
            new SandboxRequest(
                "typed",
                null,
                "10m",
                Map.of("team", "client"),
                List.of(new ForkRequest("a", null, null, Map.of("MODE", "fork"), null, null))),
            progress::add);

    assertThat(created.phase()).isEqualTo("READY");
    assertThat(created.forks()).extracting(SandboxView.ForkView::service).containsExactly("a");
    assertThat(created.forks().get(0).env()).containsEntry("MODE", "fork");
    assertThat(progress).anyMatch(line -> line.contains("READY"));
    assertThat(Json.write(client.sandbox("typed"))).isEqualTo(raw(ApiPath.SANDBOX.with("typed")));
    assertThat(Json.write(client.sandboxes())).isEqualTo(raw(ApiPath.SANDBOXES.with()));
    assertThat(client.hops(HopQuery.ofSandbox("typed", 10)).path("key").asText())
        .isEqualTo(created.routingKey());

    assertThat(client.deleteSandbox("typed").path("deleted").asText()).isEqualTo("typed");
    assertThat(client.sandboxes().sandboxes()).isEmpty();
  }

  @Test
  void statusCarriesTheEnvironmentsKeyNamesAndReadsBackAsSent() throws Exception {
    assertThat(client.status().keyNames()).isEqualTo(KeyNames.DEFAULT);
    assertThat(client.status().services()).extracting(s -> s.name()).containsExactly("a");
    String sent = raw(ApiPath.STATUS.with());

    assertThat(Json.write(client.status())).isEqualTo(sent);
  }

  @Test
  void runsASkillAndReadsItsSignedReport() throws Exception {
    RunView run = client.runSkill(new SkillRunRequest("echo", null, Map.of(), List.of()));

    assertThat(run.verdict()).as(run.message()).isEqualTo("PASS");
    assertThat(Json.write(client.run(run.id()))).isEqualTo(raw(ApiPath.RUN.with(run.id())));
    JsonNode report = Json.mapper().readTree(client.report(run.id(), "report.json"));
    assertThat(report.path("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
    JsonNode statement = Json.mapper().readTree(client.report(run.id(), "statement.json"));
    assertThat(statement.path("predicate").path("prooflane").path("verdict").asText())
        .isEqualTo("PASS");
    assertThat(client.skills().path("skills").get(0).path("name").asText()).isEqualTo("echo");
    assertThat(client.skill("echo").path("steps").get(0).path("action").asText()).isEqualTo("http");
  }

  @Test
  void validatesAChangeInOneCall() {
    List<String> progress = new ArrayList<>();
    Validations.Outcome outcome =
        client.validate(
            new ValidationRequest(
                null,
                "5m",
                null,
                List.of(new ForkRequest("a", null, null, null, null, null)),
                List.of("echo"),
                List.of(),
                Map.of(),
                false),
            progress::add);

    assertThat(outcome.runs()).extracting(RunView::skill).containsExactly("echo");
    assertThat(outcome.kept()).isFalse();
    assertThat(progress).anyMatch(line -> line.startsWith("deleted sandbox validate-"));
  }

  @Test
  void startsAValidationWithoutWaitingFollowsItAndStreamsItsId() {
    ValidationRequest request =
        new ValidationRequest(
            null,
            "5m",
            null,
            List.of(new ForkRequest("a", null, null, null, null, null)),
            List.of("echo"),
            List.of(),
            Map.of(),
            false);
    ValidationView started = client.startValidation(request);

    assertThat(started.state()).isEqualTo("RUNNING");
    assertThat(started.sandbox()).startsWith("validate-");
    awaitEnd(() -> client.validation(started.id()).state());
    ValidationView done = client.validation(started.id());
    assertThat(done.state()).isEqualTo("DONE");
    assertThat(done.verdict()).isEqualTo("PASS");
    assertThat(done.runs()).extracting(RunView::skill).containsExactly("echo");
    assertThat(client.cancelValidation(started.id(), "too late", true).state()).isEqualTo("DONE");

    List<String> ids = new ArrayList<>();
    client.validate(
        request,
        new ProgressListener() {
          @Override
          public void started(String id) {
            ids.add(id);
          }

          @Override
          public void progress(String line) {
            assertThat(ids).as("the id comes before the first line").hasSize(1);
          }
        });
    assertThat(ids).hasSize(1);
    assertThat(client.validation(ids.get(0)).state()).isEqualTo("DONE");
  }

  @Test
  void startsARunWithoutWaitingAndCancellingAnEndedRunChangesNothing() {
    RunView started = client.startRun(new SkillRunRequest("echo", null, Map.of(), List.of()));
    awaitEnd(() -> client.run(started.id()).state());

    assertThat(client.cancelRun(started.id(), null, true).state()).isEqualTo("DONE");
    assertThatThrownBy(() -> client.cancelRun("nope", null, false))
        .isInstanceOfSatisfying(
            DaemonClientException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  private static void awaitEnd(java.util.concurrent.Callable<String> state) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(() -> !state.call().equals("RUNNING"));
  }

  @Test
  void issuesListsAndRevokesTokens() {
    JsonNode issued = client.createToken(new TokenRequest("ci", List.of("sandbox:read"), "1h"));
    String id = issued.path("id").asText();

    assertThat(issued.path("token").asText()).isNotEmpty();
    assertThat(new DaemonClient(client.base(), issued.path("token").asText()).sandboxes())
        .isNotNull();
    assertThat(client.tokens().path("tokens").findValuesAsText("id")).contains(id);
    assertThat(client.revokeToken(id).path("revoked").asBoolean()).isTrue();
  }

  @Test
  void failuresCarryTheStatusAndTheApiErrorCode() {
    assertThatThrownBy(() -> client.sandbox("nope"))
        .isInstanceOfSatisfying(
            DaemonClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.code()).isEqualTo("not_found");
            })
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> new DaemonClient(client.base()).status())
        .isInstanceOfSatisfying(
            DaemonClientException.class, e -> assertThat(e.status()).isEqualTo(401));
  }
}
