package dev.prooflane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens end to end: a real daemon, the CLI as a process, raw HTTP for the refusals. */
class TokenIT {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  private CliProcess.Result cli(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--state-dir");
    all.add(dir.resolve("state").toString());
    return CliProcess.run(dir, all.toArray(String[]::new));
  }

  @AfterEach
  void down() throws Exception {
    cli("down");
  }

  private HttpResponse<String> send(String method, String url, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void scopedTokensAreCheckedOnEveryCallAndRevocable() throws Exception {
    CliProcess.Result up =
        cli("up", "--detach", "--api-port", "0", "-f", CliProcess.SYNC_SHOP.toString());
    assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
    Path adminFile = dir.resolve("state/admin.token");
    assertThat(Files.getPosixFilePermissions(adminFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String admin = Files.readString(adminFile).strip();
    assertThat(up.out())
        .contains("created the admin token (policy:admin); it is stored in " + adminFile)
        .contains("show it with: cat " + adminFile)
        .doesNotContain(admin);
    assertThat(Files.readString(dir.resolve("state/daemon.log"))).doesNotContain(admin);
    String api = cli("status", "--json").json().path("apiUrl").asText();

    HttpResponse<String> anonymous = send("GET", api + "/sandboxes", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(Json.mapper().readTree(anonymous.body()).path("error").asText())
        .isEqualTo("unauthorized");
    assertThat(send("POST", api + "/shutdown", null, "{}").statusCode()).isEqualTo(401);
    assertThat(send("GET", api + "/openapi.yaml", null, null).statusCode()).isEqualTo(200);

    CliProcess.Result created =
        cli("token", "create", "reader", "--scope", "sandbox:read", "--json");
    assertThat(created.exitCode()).as(created.err()).isZero();
    JsonNode reader = created.json();
    String secret = reader.path("token").asText();
    assertThat(secret).startsWith("pl_");

    CliProcess.Result list = cli("sandbox", "list", "--token", secret);
    assertThat(list.exitCode()).as(list.err()).isZero();
    CliProcess.Result create =
        cli("sandbox", "create", "pr-1", "--fork", "pricing", "--token", secret);
    assertThat(create.exitCode()).isEqualTo(3);
    assertThat(create.err()).contains("needs scope sandbox:write");
    HttpResponse<String> forbidden =
        send("POST", api + "/sandboxes", secret, "{\"forks\":[{\"service\":\"pricing\"}]}");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(Json.mapper().readTree(forbidden.body()).path("error").asText())
        .isEqualTo("forbidden");
    assertThat(cli("token", "list", "--token", secret).exitCode()).isEqualTo(3);

    CliProcess.Result tokens = cli("token", "list", "--json");
    assertThat(tokens.exitCode()).as(tokens.err()).isZero();
    assertThat(tokens.out()).doesNotContain(secret).doesNotContain(admin).contains("reader");
    // the daemon's own token for its services, the admin token, and the one made here
    assertThat(tokens.json().path("tokens").findValuesAsText("name"))
        .containsExactlyInAnyOrder("services", "admin", "reader");
    assertThat(cli("token", "list").out()).doesNotContain("pl_").contains("sandbox:read");

    assertThat(cli("token", "revoke", reader.path("id").asText()).exitCode()).isZero();
    assertThat(send("GET", api + "/sandboxes", secret, null).statusCode()).isEqualTo(401);
    CliProcess.Result revoked = cli("sandbox", "list", "--token", secret);
    assertThat(revoked.exitCode()).isEqualTo(3);
    assertThat(revoked.err()).contains("invalid, revoked or expired token");

    CliProcess.Result brief =
        cli("token", "create", "brief", "--scope", "sandbox:read", "--expires-in", "2s", "--json");
    assertThat(brief.exitCode()).as(brief.err()).isZero();
    assertThat(brief.json().path("expiresAt").asText()).isNotEmpty();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                send("GET", api + "/sandboxes", brief.json().path("token").asText(), null)
                        .statusCode()
                    == 401);
    assertThat(cli("token", "list").out()).containsPattern("brief .*expired");
    assertThat(cli("token", "create", "x", "--scope", "sandbox:read", "--expires-in", "soon").err())
        .contains("expiresIn: duration: 'soon'");
  }
}
