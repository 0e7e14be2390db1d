package dev.prooflane.server.sandboxes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.ApiOverParts;
import dev.prooflane.server.AuditRecords;
import dev.prooflane.server.DaemonParts;
import dev.prooflane.server.EchoEnvironment;
import dev.prooflane.server.audit.AuditCheck;
import dev.prooflane.server.audit.AuditVerifier;
import dev.prooflane.server.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: the state folder is a 4 MiB tmpfs the test mounts (skipped, with the reason,
 * where mounting is not permitted: it needs root with CAP_SYS_ADMIN), filled up by the test; the
 * daemon's parts and API run over it. {@link DurableChangesIT} covers the same with an injected
 * failure and always runs.
 */
class FullDiskIT {
  @TempDir static Path dir;
  private static Path mount;
  private static DaemonParts parts;
  private static ApiOverParts api;

  @BeforeAll
  static void start() throws Exception {
    mount = Files.createDirectories(dir.resolve("state"));
    String refused =
        run("mount", "-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", mount.toString());
    Assumptions.assumeTrue(
        refused == null,
        () -> "cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): " + refused);
    parts =
        DaemonParts.start(
            EchoEnvironment.single(dir), mount, Duration.ofSeconds(1), Optional.empty());
    api = ApiOverParts.start(parts);
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
    if (parts != null) {
      parts.close();
    }
    if (mount != null && run("umount", mount.toString()) != null) {
      run("umount", "-l", mount.toString());
    }
  }

  /** Runs {@code command}; null when it succeeded, else its output. */
  private static String run(String... command) throws IOException, InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : command[0] + ": " + out;
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /** Writes {@code file} until the disk is full; returns how many bytes it took. */
  private static long fill(Path file) {
    long written = 0;
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
        out.flush();
        written += block.length;
      }
    } catch (IOException e) {
      return written;
    }
  }

  @Test
  void onAFullDiskNoChangeHappensWithoutItsRecordAndEachIsAnswered507() throws Exception {
    String bob = api.token("bob", "[\"sandbox:write\", \"sandbox:read\"]").path("token").asText();
    HttpResponse<String> created =
        api.send(
            "POST",
            "/sandboxes",
            api.admin(),
            "{\"name\": \"full-1\", \"forks\": [{\"service\": \"a\"}]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Path filler = mount.resolve("filler");
    assertThat(fill(filler)).isPositive();
    // a refusal is recorded too: refuse until the audit log's last block has no room left
    int status = 403;
    for (int i = 0; i < 500 && status == 403; i++) {
      status = api.send("DELETE", "/sandboxes/full-1", bob, null).statusCode();
    }
    assertThat(status).isEqualTo(507);

    HttpResponse<String> delete = api.send("DELETE", "/sandboxes/full-1", api.admin(), null);
    HttpResponse<String> create =
        api.send(
            "POST",
            "/sandboxes",
            api.admin(),
            "{\"name\": \"full-2\", \"forks\": [{\"service\": \"a\"}]}");
    HttpResponse<String> newToken =
        api.send(
            "POST", "/tokens", api.admin(), "{\"name\": \"ci\", \"scopes\": [\"sandbox:read\"]}");

    for (HttpResponse<String> full : List.of(delete, create, newToken)) {
      assertThat(full.statusCode()).as(full.body()).isEqualTo(507);
      JsonNode error = Json.mapper().readTree(full.body());
      assertThat(error.path("error").asText()).isEqualTo("insufficient_storage");
      assertThat(error.path("message").asText())
          .contains("free space on the disk of the state folder " + mount);
    }
    assertThat(delete.body())
        .contains("sandbox 'full-1' was not deleted: cannot append to the audit log")
        .contains("No space left on device");
    JsonNode listed = Json.mapper().readTree(api.send("GET", "/sandboxes", bob, null).body());
    assertThat(listed.path("sandboxes")).hasSize(1);
    assertThat(listed.at("/sandboxes/0/name").asText()).isEqualTo("full-1");
    assertThat(listed.at("/sandboxes/0/phase").asText()).isEqualTo("READY");
    assertThat(api.tokens().list()).extracting(t -> t.name()).doesNotContain("ci");

    Files.delete(filler);
    assertThat(api.send("DELETE", "/sandboxes/full-1", api.admin(), null).statusCode())
        .isEqualTo(200);
    assertThat(AuditRecords.aboutSandbox(parts.state(), "sandbox.deleted", "full-1", "by"))
        .containsExactly("admin");
    assertThat(AuditRecords.details(parts.state(), "sandbox.created", "sandbox", "full-2"))
        .isEmpty();
    AuditCheck check = AuditVerifier.verify(mount);
    assertThat(check.ok()).as(check.problem()).isTrue();
  }
}
