package dev.prooflane.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.ApiCalls;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.EchoEnvironment;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API of a real daemon on loopback, through a real HTTP client: what each failure is
 * answered with (status, error code, message).
 */
class ApiServerIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String FORK_A = "\"forks\": [{\"service\": \"a\"}]";

  @TempDir static Path dir;
  private static Daemon daemon;
  private static String api;
  private static String admin;
  private static String alice;
  private static String bob;

  @BeforeAll
  static void start() throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "sandboxes: {perOwner: 1, total: 10}\n");
    Path stateDir = dir.resolve("state");
    daemon =
        Daemon.start(
            EchoEnvironment.single(dir),
            stateDir,
            "127.0.0.1",
            0,
            Optional.of(policy),
            line -> {},
            List.of());
    api = daemon.info().apiUrl();
    admin = AdminTokenFile.read(stateDir).orElseThrow();
    alice = token("alice");
    bob = token("bob");
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @AfterEach
  void deleteEverySandbox() throws Exception {
    for (JsonNode s : json(send("GET", "/sandboxes", admin, null)).path("sandboxes")) {
      assertThat(send("DELETE", "/sandboxes/" + s.path("name").asText(), admin, null).statusCode())
          .isEqualTo(200);
    }
  }

  private static String token(String name) throws Exception {
    HttpResponse<String> created =
        send(
            "POST",
            "/tokens",
            admin,
            "{\"name\": \"" + name + "\", \"scopes\": [\"sandbox:read\", \"sandbox:write\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).path("token").asText();
  }

  private static HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    return new ApiCalls(api).send(method, path, token, body);
  }

  private static HttpResponse<String> create(String token, String name) throws Exception {
    return send("POST", "/sandboxes", token, "{\"name\": \"" + name + "\", " + FORK_A + "}");
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return ApiCalls.json(response);
  }

  @Test
  void answers401WithoutAToken() throws Exception {
    HttpResponse<String> response = send("GET", "/sandboxes", null, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"prooflane\"");
    assertThat(json(response).path("error").asText()).isEqualTo("unauthorized");
  }

  @Test
  void answers400ForAnEmptyOrInvalidSpec() throws Exception {
    HttpResponse<String> empty = send("POST", "/sandboxes", alice, "");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(json(empty).path("error").asText()).isEqualTo("invalid_spec");
    assertThat(json(empty).path("message").asText()).startsWith("empty body (send the sandbox as");

    HttpResponse<String> invalid =
        send("POST", "/sandboxes", alice, "{\"name\": \"x\", \"forks\": [{\"servce\": \"a\"}]}");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(json(invalid).path("error").asText()).isEqualTo("invalid_spec");
    assertThat(json(invalid).path("message").asText()).contains("servce");
  }

  @Test
  void answers404ForAnUnknownSandboxOrEndpoint() throws Exception {
    HttpResponse<String> sandbox = send("GET", "/sandboxes/ghost", alice, null);
    assertThat(sandbox.statusCode()).isEqualTo(404);
    assertThat(json(sandbox).path("error").asText()).isEqualTo("not_found");
    assertThat(json(sandbox).path("message").asText()).contains("ghost");

    HttpResponse<String> endpoint = send("GET", "/nowhere", alice, null);
    assertThat(endpoint.statusCode()).isEqualTo(404);
    assertThat(json(endpoint).path("error").asText()).isEqualTo("no_such_endpoint");
    assertThat(json(endpoint).path("message").asText())
        .isEqualTo("GET /api/v1/nowhere is not an endpoint (see /api/v1/openapi.yaml)");
  }

  @Test
  void probesAPathWithAThrowawayKeyThatTheBaselineServesAndRefusesBadBodies() throws Exception {
    HttpResponse<String> probe =
        send("POST", "/probe", admin, "{\"service\": \"a\", \"path\": \"/echo\"}");
    assertThat(probe.statusCode()).as(probe.body()).isEqualTo(200);
    JsonNode result = json(probe);
    assertThat(result.path("keyTravelled").asBoolean()).isTrue();
    assertThat(result.path("status").asInt()).isEqualTo(200);
    assertThat(result.path("key").asText()).startsWith("probe-");
    JsonNode hop = result.path("hops").get(0);
    assertThat(result.path("hops")).hasSize(1);
    assertThat(hop.path("service").asText()).isEqualTo("a");
    assertThat(hop.path("destination").asText()).isEqualTo("baseline");
    assertThat(hop.path("keyArrived").asBoolean()).isTrue();
    assertThat(hop.path("traceArrived").asBoolean()).isTrue();
    assertThat(result.path("drops")).isEmpty();

    HttpResponse<String> noPath = send("POST", "/probe", admin, "{\"service\": \"a\"}");
    assertThat(noPath.statusCode()).isEqualTo(400);
    assertThat(json(noPath).path("message").asText()).startsWith("path: missing");
    HttpResponse<String> noSlash =
        send("POST", "/probe", admin, "{\"service\": \"a\", \"path\": \"echo\"}");
    assertThat(noSlash.statusCode()).isEqualTo(400);
    assertThat(json(noSlash).path("message").asText())
        .isEqualTo("path: 'echo' (expected: a path starting with '/', such as /products/1)");
    HttpResponse<String> unknown =
        send("POST", "/probe", admin, "{\"service\": \"zz\", \"path\": \"/x\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).path("message").asText())
        .startsWith("service 'zz' not found: known services: a");
  }

  @Test
  void answers409ForANameInUse() throws Exception {
    assertThat(create(alice, "taken").statusCode()).isEqualTo(201);

    HttpResponse<String> again = create(bob, "taken");

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).path("error").asText()).isEqualTo("conflict");
    assertThat(json(again).path("message").asText())
        .isEqualTo("sandbox 'taken' already exists (delete it first, or pick another name)");
  }

  @Test
  void answers429PastTheQuota() throws Exception {
    HttpResponse<String> first = create(alice, "mine-1");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(json(first).path("labels").path("prooflane.dev/owner").asText()).isEqualTo("alice");

    HttpResponse<String> second = create(alice, "mine-2");

    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(json(second).path("error").asText()).isEqualTo("policy_refused");
    assertThat(json(second).path("message").asText())
        .contains("refused by policy sandboxes.perOwner: 'alice' has 1 sandbox already");
  }

  @Test
  void answers403WhenAnotherOwnerDeletesAnd200WhenTheOwnerDoes() throws Exception {
    assertThat(create(alice, "hers").statusCode()).isEqualTo(201);

    HttpResponse<String> notHis = send("DELETE", "/sandboxes/hers", bob, null);
    assertThat(notHis.statusCode()).isEqualTo(403);
    assertThat(json(notHis).path("error").asText()).isEqualTo("policy_refused");
    assertThat(json(notHis).path("message").asText())
        .isEqualTo(
            "refused by policy sandboxes.owner: sandbox 'hers' belongs to 'alice', not to 'bob';"
                + " ask its owner, or delete it with a policy:admin token");

    HttpResponse<String> deleted = send("DELETE", "/sandboxes/hers", alice, null);
    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(json(deleted).path("deleted").asText()).isEqualTo("hers");
    assertThat(send("GET", "/sandboxes/hers", alice, null).statusCode()).isEqualTo(404);
  }

  @Test
  void streamsTheProgressOfACreationAsNdjson() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(api + "/sandboxes"))
                .header("Authorization", "Bearer " + alice)
                .header("Accept", "application/x-ndjson")
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"name\": \"streamed\", " + FORK_A + "}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(201);
    List<String> lines = response.body().lines().toList();
    assertThat(lines).hasSizeGreaterThan(1);
    assertThat(lines.subList(0, lines.size() - 1))
        .allSatisfy(l -> assertThat(Json.mapper().readTree(l).has("progress")).isTrue());
    JsonNode last = Json.mapper().readTree(lines.get(lines.size() - 1));
    assertThat(last.path("sandbox").path("name").asText()).isEqualTo("streamed");
    assertThat(last.path("sandbox").path("phase").asText()).isEqualTo("READY");
  }

  @Test
  void answers403ForAForkCommandWithoutSandboxExecOnEveryPath() throws Exception {
    Path skills = EchoEnvironment.alwaysPassingSkill(dir);
    String forks = "\"forks\": [{\"service\": \"a\", \"command\": \"sh -c true\"}]";

    HttpResponse<String> sandbox =
        send("POST", "/sandboxes", alice, "{\"name\": \"own\", " + forks + "}");
    HttpResponse<String> validation =
        send(
            "POST",
            "/validations",
            alice,
            "{"
                + forks
                + ", \"skills\": [\"always\"], \"skillDirs\": ["
                + Json.write(skills.toString())
                + "]}");

    for (HttpResponse<String> refused : List.of(sandbox, validation)) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(json(refused).path("error").asText()).isEqualTo("policy_refused");
      assertThat(json(refused).path("message").asText())
          .startsWith(
              "refused by policy forks.exec: forks[0].command: running a command of your own"
                  + " needs scope sandbox:exec, which token 'alice' lacks");
    }
    assertThat(json(send("GET", "/sandboxes", admin, null)).path("sandboxes")).isEmpty();
    HttpResponse<String> byAdmin =
        send("POST", "/sandboxes", admin, "{\"name\": \"own\", " + forks + "}");
    // a policy:admin token holds sandbox:exec: the command runs (and exits, so the fork fails)
    assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(422);
    assertThat(json(byAdmin).path("error").asText()).isEqualTo("sandbox_failed");
  }

  @Test
  void answers400ForATokenNameThatIsNotADnsLabel() throws Exception {
    HttpResponse<String> response =
        send("POST", "/tokens", admin, "{\"name\": \"CI bot\", \"scopes\": [\"sandbox:read\"]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("error").asText()).isEqualTo("invalid_request");
    assertThat(json(response).path("message").asText())
        .isEqualTo(
            "name: 'CI bot' (expected: 1 to 63 lowercase letters, digits or '-', starting and"
                + " ending with a letter or digit)");
  }
}
