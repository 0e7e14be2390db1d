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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy's sandbox quota end to end: a real daemon, tokens of two owners, raw HTTP. */
class SandboxQuotaIT {
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

  private HttpResponse<String> create(String api, String token, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(api + "/sandboxes"))
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String token(String name) throws Exception {
    CliProcess.Result created =
        cli(
            "token",
            "create",
            name,
            "--scope",
            "sandbox:write",
            "--scope",
            "sandbox:read",
            "--json");
    assertThat(created.exitCode()).as(created.err()).isZero();
    return created.json().path("token").asText();
  }

  @Test
  void limitsSandboxesPerOwnerAndInTotalAndBoundsTheirTtl() throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "sandboxes: {perOwner: 1, total: 2, maxTtl: 1h}\n");
    CliProcess.Result up =
        cli(
            "up",
            "--detach",
            "--api-port",
            "0",
            "-f",
            CliProcess.SYNC_SHOP.toString(),
            "--policy",
            policy.toString());
    assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
    String admin = Files.readString(dir.resolve("state/admin.token")).strip();
    String api = cli("status", "--json").json().path("apiUrl").asText();
    String alice = token("alice");
    String bob = token("bob");

    HttpResponse<String> tooLong =
        create(
            api,
            alice,
            "{\"name\": \"a-1\", \"ttl\": \"2h\", \"forks\": [{\"service\": \"pricing\"}]}");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(Json.mapper().readTree(tooLong.body()).path("message").asText())
        .contains("refused by policy sandboxes.maxTtl: sandbox 'a-1' asks for ttl 2h");

    HttpResponse<String> first =
        create(
            api,
            alice,
            "{\"name\": \"a-1\", \"labels\": {\"prooflane.dev/owner\": \"bob\"},"
                + " \"forks\": [{\"service\": \"pricing\"}]}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    JsonNode sandbox = Json.mapper().readTree(first.body());
    assertThat(sandbox.path("labels").path("prooflane.dev/owner").asText()).isEqualTo("alice");
    assertThat(sandbox.path("ttl").asText()).isEqualTo("1h");

    HttpResponse<String> second =
        create(api, alice, "{\"name\": \"a-2\", \"forks\": [{\"service\": \"pricing\"}]}");
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(Json.mapper().readTree(second.body()).path("message").asText())
        .contains("refused by policy sandboxes.perOwner: 'alice' has 1 sandbox already");

    assertThat(
            create(api, bob, "{\"name\": \"b-1\", \"forks\": [{\"service\": \"pricing\"}]}")
                .statusCode())
        .isEqualTo(201);
    HttpResponse<String> third =
        create(api, admin, "{\"name\": \"c-1\", \"forks\": [{\"service\": \"pricing\"}]}");
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(Json.mapper().readTree(third.body()).path("message").asText())
        .contains("refused by policy sandboxes.total");

    CliProcess.Result audit = cli("audit", "tail", "-n", "50");
    assertThat(audit.out()).contains("sandboxes.perOwner").contains("sandboxes.total");
    HttpResponse<String> notHers =
        http.send(
            HttpRequest.newBuilder(URI.create(api + "/sandboxes/a-1"))
                .header("Authorization", "Bearer " + bob)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(notHers.statusCode()).isEqualTo(403);
    assertThat(Json.mapper().readTree(notHers.body()).path("message").asText())
        .isEqualTo(
            "refused by policy sandboxes.owner: sandbox 'a-1' belongs to 'alice', not to 'bob';"
                + " ask its owner, or delete it with a policy:admin token");
    assertThat(cli("sandbox", "delete", "a-1").exitCode()).isZero();
    HttpResponse<String> brief =
        create(
            api,
            admin,
            "{\"name\": \"c-1\", \"ttl\": \"1s\", \"forks\": [{\"service\": \"pricing\"}]}");
    assertThat(brief.statusCode()).as(brief.body()).isEqualTo(201);
    // expiry, the fork's stop and a CLI process per look take seconds each on a busy machine
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> cli("audit", "tail", "-n", "5").out().contains("\"sandbox.expired\""));
    assertThat(cli("audit", "tail", "-n", "5").out())
        .contains("\"sandbox\":\"c-1\"")
        .contains("\"owner\":\"admin\"");
    assertThat(cli("audit", "verify").exitCode()).isZero();
  }
}
