package dev.prooflane.server.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.local.EnvironmentChange;
import dev.prooflane.local.ServiceRestart;
import dev.prooflane.local.ServiceStatus;
import dev.prooflane.local.StateFolder;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.AuditRecords;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.DaemonInfo;
import dev.prooflane.server.EchoEnvironment;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.client.DaemonClientException;
import dev.prooflane.server.json.EnvironmentRequest;
import dev.prooflane.server.json.ForkRequest;
import dev.prooflane.server.json.SandboxRequest;
import dev.prooflane.server.json.SandboxView;
import dev.prooflane.server.json.TokenRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarting a service and applying a changed environment file through the REST API of a real
 * daemon: what each answers, streams and records in the audit log, who may ask, and that a refused
 * or broken change leaves everything as it ran.
 */
class BaselineApiIT {
  @TempDir Path dir;
  private Path file;
  private Daemon daemon;
  private DaemonClient admin;

  @BeforeEach
  void start() throws Exception {
    file = dir.resolve("prooflane.yaml");
    write(file, "a", "b");
    daemon =
        Daemon.start(
            EnvironmentReader.read(file),
            dir.resolve("state"),
            "127.0.0.1",
            0,
            Optional.empty(),
            line -> {},
            List.of());
    admin =
        new DaemonClient(
            daemon.info().apiUrl(), AdminTokenFile.read(dir.resolve("state")).orElseThrow());
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static void write(Path file, String... services) throws IOException {
    EchoEnvironment.echoes(file, "api", services);
  }

  private Map<String, Long> pids() {
    return admin.status().services().stream()
        .collect(Collectors.toMap(ServiceStatus::name, ServiceStatus::pid));
  }

  private SandboxView fork(String sandbox, String service) {
    return admin.createSandbox(
        new SandboxRequest(
            sandbox,
            null,
            null,
            null,
            List.of(new ForkRequest(service, null, null, null, null, null))));
  }

  private List<JsonNode> audit(String event) {
    return AuditRecords.all(StateFolder.of(dir.resolve("state"))).stream()
        .filter(r -> r.path("event").asText().equals(event))
        .map(r -> r.path("details"))
        .toList();
  }

  @Test
  void restartStreamsProgressSwapsThePidKeepsSandboxesAndIsAudited() {
    SandboxView sandbox = fork("keep", "a");
    long before = pids().get("a");
    List<String> progress = new CopyOnWriteArrayList<>();

    ServiceRestart restart = admin.restartService("a", progress::add);

    assertThat(restart.oldPid()).isEqualTo(before);
    assertThat(restart.newPid()).isNotEqualTo(before).isEqualTo(pids().get("a"));
    assertThat(progress)
        .anySatisfy(l -> assertThat(l).startsWith("  baseline/a: healthy after "))
        .anySatisfy(l -> assertThat(l).startsWith("  a: requests now reach pid "));
    assertThat(admin.sandbox("keep").forks().get(0).pid()).isEqualTo(sandbox.forks().get(0).pid());
    assertThat(admin.restartService("b").service()).isEqualTo("b");
    JsonNode record = audit("service.restarted").get(0);
    assertThat(record.path("service").asText()).isEqualTo("a");
    assertThat(record.path("by").asText()).isEqualTo("admin");
    assertThat(record.path("ok").asBoolean()).isTrue();
    assertThat(record.path("newPid").asLong()).isEqualTo(restart.newPid());
  }

  @Test
  void restartAndApplyNeedPolicyAdmin() {
    String writer =
        admin
            .createToken(new TokenRequest("ci", List.of("sandbox:write", "skill:run"), null))
            .path("token")
            .asText();
    DaemonClient ci = admin.withToken(writer);

    assertThatThrownBy(() -> ci.restartService("a"))
        .isInstanceOfSatisfying(
            DaemonClientException.class, e -> assertThat(e.status()).isEqualTo(403))
        .hasMessageContaining("needs scope policy:admin");
    assertThatThrownBy(() -> ci.applyEnvironment(new EnvironmentRequest(null)))
        .isInstanceOfSatisfying(
            DaemonClientException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void applyRestartsTheChangedStartsTheAddedStopsTheRemovedAndNamesTheNewFile() throws Exception {
    fork("on-a", "a");
    Map<String, Long> before = pids();
    Path next = Files.createDirectories(dir.resolve("v2")).resolve("prooflane.yaml");
    write(next, "a", "c");

    EnvironmentChange change =
        admin.applyEnvironment(new EnvironmentRequest(next.toString()), line -> {});

    // another folder: ${dir} differs, so every kept service restarts
    assertThat(change.changed()).containsExactly("a");
    assertThat(change.added()).containsExactly("c");
    assertThat(change.removed()).containsExactly("b");
    Map<String, Long> after = pids();
    assertThat(after.keySet()).containsExactlyInAnyOrder("a", "c");
    assertThat(after.get("a")).isNotEqualTo(before.get("a"));
    assertThat(admin.status().envFile()).isEqualTo(next.toString());
    assertThat(DaemonInfo.read(dir.resolve("state")).orElseThrow().envFile())
        .isEqualTo(next.toString());
    assertThat(admin.sandbox("on-a").phase()).isEqualTo("READY");
    JsonNode record = audit("environment.applied").get(0);
    assertThat(record.path("ok").asBoolean()).isTrue();
    assertThat(record.path("file").asText()).isEqualTo(next.toString());
    assertThat(record.path("removed").get(0).asText()).isEqualTo("b");
  }

  @Test
  void applyOfTheSameFileChangesOnlyWhatChanged() throws Exception {
    Map<String, Long> before = pids();
    write(file, "a", "b:2");

    EnvironmentChange change = admin.applyEnvironment(new EnvironmentRequest(null));

    assertThat(change.changed()).containsExactly("b");
    assertThat(change.unchanged()).containsExactly("a");
    assertThat(pids().get("a")).isEqualTo(before.get("a"));
    assertThat(pids().get("b")).isNotEqualTo(before.get("b"));
  }

  @Test
  void applyRemovingAForkedServiceIsRefusedNamingTheSandboxAndAudited() throws Exception {
    fork("pr-7", "b");
    Map<String, Long> before = pids();
    write(file, "a");

    assertThatThrownBy(() -> admin.applyEnvironment(new EnvironmentRequest(file.toString())))
        .isInstanceOfSatisfying(
            DaemonClientException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining("cannot remove b: sandbox 'pr-7' forks b");
    assertThat(pids()).isEqualTo(before);
    JsonNode record = audit("environment.applied").get(0);
    assertThat(record.path("ok").asBoolean()).isFalse();
    assertThat(record.path("message").asText()).contains("sandbox 'pr-7' forks b");
  }

  @Test
  void aBrokenFileIsRefusedWithItsLocatedProblemsAndNothingChanges() throws Exception {
    Map<String, Long> before = pids();
    Files.writeString(
        file,
        Files.readString(file).replace("    command:", "    comand:") + "  c: {port: high}\n");

    assertThatThrownBy(() -> admin.applyEnvironment(new EnvironmentRequest(null), line -> {}))
        .isInstanceOfSatisfying(
            DaemonClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.code()).isEqualTo("invalid_spec");
            })
        .hasMessageContaining("prooflane.yaml:4:5: services.a.comand: unknown field")
        .hasMessageContaining("services.c.port");
    assertThat(pids()).isEqualTo(before);
    assertThat(admin.status().services()).extracting(ServiceStatus::name).containsExactly("a", "b");
  }

  @Test
  void aRelativeFileIsRefused() {
    assertThatThrownBy(() -> admin.applyEnvironment(new EnvironmentRequest("prooflane.yaml")))
        .isInstanceOfSatisfying(
            DaemonClientException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("file: 'prooflane.yaml' (expected: an absolute path");
  }
}
