package dev.prooflane.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.local.TestEnvironment;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.ApiCalls;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.client.DaemonClientException;
import dev.prooflane.server.client.HopQuery;
import dev.prooflane.server.json.ConsumptionRequest;
import dev.prooflane.server.json.ConsumptionRequest.ConsumedRecord;
import dev.prooflane.server.json.KafkaRoutes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What message consumers get from a real daemon over real HTTP: the sandbox routes they follow (a
 * long poll answered on every change), the consumptions they report (hops), and the services token
 * every service process finds in its environment with the API's address.
 */
class KafkaApiIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static Daemon daemon;
  private static String api;
  private static String admin;
  private static String reader;
  private static final ConcurrentLinkedQueue<String> progress = new ConcurrentLinkedQueue<>();

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(dir.resolve("env"));
    Files.writeString(
        dir.resolve("prooflane.yaml"),
        """
        name: kafka
        sandboxes: {maxTtl: 1h}
        services:
          a:
            command:
              - sh
              - -c
              - |
                printf '%%s\\n%%s\\n' "$PROOFLANE_API" "$PROOFLANE_SERVICE_TOKEN" > '%s/${sandbox}.env'
                echo "the token is $PROOFLANE_SERVICE_TOKEN"
                exec %s
            env: {PORT: "${port}"}
            health: {timeout: 30s}
          b:
            command: %s
            env: {PORT: "${port}"}
            health: {timeout: 30s}
        """
            .formatted(
                dir.resolve("env"), TestEnvironment.echoCommand(), TestEnvironment.echoCommand()));
    Path state = dir.resolve("state");
    daemon =
        Daemon.start(
            EnvironmentReader.read(dir.resolve("prooflane.yaml")),
            state,
            "127.0.0.1",
            0,
            Optional.empty(),
            progress::add,
            List.of());
    api = daemon.info().apiUrl();
    admin = AdminTokenFile.read(state).orElseThrow();
    reader = token("reader", "[\"sandbox:read\"]");
  }

  @AfterEach
  void deleteEverySandbox() {
    DaemonClient client = new DaemonClient(api, admin);
    client.sandboxes().sandboxes().forEach(s -> client.deleteSandbox(s.name()));
  }

  @AfterAll
  static void stop() {
    Optional.ofNullable(daemon).ifPresent(Daemon::close);
  }

  @Test
  void everyServiceProcessGetsTheApiAndTheServicesTokenNeverShownInLogs() throws Exception {
    List<String> baseline = Files.readAllLines(dir.resolve("env/baseline.env"));
    assertThat(baseline.get(0)).isEqualTo(api);
    String secret = baseline.get(1);
    assertThat(secret).startsWith("pl_");
    assertThat(send("GET", "/kafka/routes", secret, null).statusCode()).isEqualTo(200);

    create("envs", "a");
    List<String> fork = Files.readAllLines(dir.resolve("env/envs.env"));
    assertThat(fork).containsExactly(api, secret);

    for (String sandbox : new String[] {null, "envs"}) {
      String logs =
          send(
                  "GET",
                  "/services/a/logs" + (sandbox == null ? "" : "?sandbox=" + sandbox),
                  admin,
                  null)
              .body();
      assertThat(logs).contains("the token is [redacted]").doesNotContain(secret);
    }
    assertThat(String.join("\n", progress)).doesNotContain(secret);
    assertThat(Files.readString(dev.prooflane.local.StateFolder.of(dir.resolve("state")).audit()))
        .doesNotContain(secret);
  }

  @Test
  void theServicesTokenFollowsRoutesAndReportsConsumptionsAndNothingElse() throws Exception {
    String services = Files.readAllLines(dir.resolve("env/baseline.env")).get(1);
    String batch = consumption("baseline", "services-token", 0);

    assertThat(send("GET", "/kafka/routes", services, null).statusCode()).isEqualTo(200);
    assertThat(send("POST", "/kafka/consumptions", services, batch).statusCode()).isEqualTo(204);
    assertThat(send("POST", "/sandboxes", services, "{\"name\": \"x\", \"forks\": []}"))
        .extracting(HttpResponse::statusCode)
        .isEqualTo(403);
    assertThat(send("GET", "/tokens", services, null).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/runs", services, "{\"skill\": \"x\"}").statusCode()).isEqualTo(403);

    assertThat(send("GET", "/kafka/routes", reader, null).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = send("POST", "/kafka/consumptions", reader, batch);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).path("message").asText())
        .isEqualTo(
            "POST /api/v1/kafka/consumptions needs scope hops:write (token 'reader' has"
                + " [sandbox:read])");
    assertThat(send("POST", "/kafka/consumptions", admin, batch).statusCode()).isEqualTo(204);
  }

  @Test
  void theTokenNameOfTheServicesIsTheDaemonsOwn() throws Exception {
    HttpResponse<String> refused =
        send("POST", "/tokens", admin, "{\"name\": \"services\", \"scopes\": [\"hops:write\"]}");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).path("message").asText()).startsWith("name: 'services' (expected:");
    JsonNode live = json(send("GET", "/tokens", admin, null)).path("tokens");
    List<String> services = new ArrayList<>();
    live.forEach(
        t -> {
          if (t.path("name").asText().equals("services") && t.path("live").asBoolean()) {
            services.add(t.path("scopes").toString());
          }
        });
    assertThat(services).containsExactly("[\"hops:write\",\"sandbox:read\"]");
  }

  @Test
  void routesAnswerAtOnceWithoutAVersionOrWithAnotherOne() throws Exception {
    create("listed", "a", "b");

    JsonNode routes = json(send("GET", "/kafka/routes", reader, null));
    long version = routes.path("version").asLong();
    JsonNode again = json(send("GET", "/kafka/routes?version=" + (version - 1), reader, null));

    assertThat(again.path("version").asLong()).isEqualTo(version);
    assertThat(routes.path("keyNames").toString())
        .isEqualTo(
            "{\"baggage\":\"prooflane-key\",\"tracestate\":\"prooflane-key\","
                + "\"header\":\"x-prooflane-key\"}");
    JsonNode sandbox = routes.path("sandboxes").get(0);
    JsonNode view = json(send("GET", "/sandboxes/listed", reader, null));
    assertThat(sandbox.path("name").asText()).isEqualTo("listed");
    assertThat(sandbox.path("key").asText()).isEqualTo(view.path("routingKey").asText());
    assertThat(Instant.parse(sandbox.path("created").asText()))
        .isEqualTo(Instant.parse(view.path("createdAt").asText()));
    assertThat(sandbox.path("forks").toString()).isEqualTo("{\"a\":\"up\",\"b\":\"up\"}");
  }

  @Test
  void aLongPollAnswersWhenASandboxIsCreatedItsForkGoesDownAndItIsDeleted() throws Exception {
    long start = current();

    CompletableFuture<HttpResponse<String>> created = poll(start, 30);
    HttpResponse<String> creation = create("polled", "a");
    JsonNode first = json(created.get(10, TimeUnit.SECONDS));
    assertThat(first.path("version").asLong()).isGreaterThan(start);
    assertThat(first.path("sandboxes").findValuesAsText("name")).contains("polled");
    // the key is listed from the start, its fork down until it is healthy
    await().atMost(Duration.ofSeconds(10)).until(() -> forksNow("polled").equals("{\"a\":\"up\"}"));

    long up = current();
    CompletableFuture<HttpResponse<String>> down = poll(up, 30);
    long pid = json(creation).path("forks").get(0).path("pid").asLong();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    JsonNode afterKill = json(down.get(10, TimeUnit.SECONDS));
    assertThat(afterKill.path("version").asLong()).isGreaterThan(up);
    assertThat(forks(afterKill, "polled")).isEqualTo("{\"a\":\"down\"}");

    long killed = afterKill.path("version").asLong();
    CompletableFuture<HttpResponse<String>> deleted = poll(killed, 30);
    assertThat(send("DELETE", "/sandboxes/polled", admin, null).statusCode()).isEqualTo(200);
    JsonNode afterDelete = json(deleted.get(10, TimeUnit.SECONDS));
    assertThat(afterDelete.path("version").asLong()).isGreaterThan(killed);
    assertThat(afterDelete.path("sandboxes").findValuesAsText("name")).doesNotContain("polled");
  }

  @Test
  void aLongPollWithoutChangeAnswersTheSameVersionOnceItsWaitIsOver() throws Exception {
    long version = current();
    long started = System.nanoTime();

    HttpResponse<String> answer = poll(version, 1).get(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(950));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(json(answer).path("version").asLong()).isEqualTo(version);
  }

  @Test
  void aLongPollRefusesAWaitOverAMinuteAndAVersionThatIsNoNumber() throws Exception {
    HttpResponse<String> tooLong = send("GET", "/kafka/routes?version=1&wait=61", reader, null);
    HttpResponse<String> notANumber = send("GET", "/kafka/routes?version=v7", reader, null);

    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(json(tooLong).path("message").asText()).isEqualTo("wait: 61 (expected: 0 to 60)");
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(json(notANumber).path("message").asText()).startsWith("version: 'v7' (expected:");
  }

  @Test
  void consumptionsAreHopsOfTheirKeyInTheHopLog() throws Exception {
    DaemonClient client = new DaemonClient(api, admin);
    String key = "kafkahop" + System.nanoTime() % 10000;
    client.consumptions(
        new ConsumptionRequest(
            "a",
            "baseline",
            "notifier-baseline",
            List.of(
                new ConsumedRecord(
                    "orders",
                    2,
                    12,
                    key,
                    "4bf92f3577b34da6a3ce929d0e0e4736",
                    Instant.parse("2026-12-07T10:00:01.123Z"),
                    57))));

    JsonNode hop = client.hops(HopQuery.ofKey(key, 10)).path("hops").get(0);

    assertThat(hop.path("protocol").asText()).isEqualTo("kafka");
    assertThat(hop.path("method").asText()).isEqualTo("CONSUME");
    assertThat(hop.path("path").asText()).isEqualTo("orders");
    assertThat(hop.path("service").asText()).isEqualTo("a");
    assertThat(hop.path("destination").asText()).isEqualTo("baseline");
    assertThat(hop.path("routingKey").asText()).isEqualTo(key);
    assertThat(hop.path("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(hop.path("time").asText()).isEqualTo("2026-12-07T10:00:01.123Z");
    assertThat(hop.path("bytesIn").asLong()).isEqualTo(57);
    assertThat(hop.path("status").asInt()).isZero();
    assertThat(hop.path("record").toString())
        .isEqualTo(
            "{\"topic\":\"orders\",\"partition\":2,\"offset\":12,\"group\":\"notifier-baseline\"}");
    assertThat(client.hops(HopQuery.latest(1)).path("hops").get(0).path("seq").asLong())
        .isEqualTo(hop.path("seq").asLong());
  }

  @Test
  void aBadConsumptionIsRefused400NamingTheFieldAndNoRecordOfItIsKept() throws Exception {
    Map<String, String> bodies =
        Map.of(
            "service: 'nope' (expected one of: a, b)",
            consumption("baseline", "g", 0).replace("\"service\": \"a\"", "\"service\": \"nope\""),
            "group: '' (expected: the consumer's group.id, such as notifier-baseline)",
            consumption("baseline", "", 0),
            "records[1].offset: -1 (expected: >= 0)",
            consumption("baseline", "g", 0).replace("]}", ", " + record(-1) + "]}"),
            "instance: 'Not A Label'",
            consumption("Not A Label", "g", 0));
    for (Map.Entry<String, String> bad : bodies.entrySet()) {
      HttpResponse<String> refused = send("POST", "/kafka/consumptions", admin, bad.getValue());
      assertThat(refused.statusCode()).as(bad.getValue()).isEqualTo(400);
      assertThat(json(refused).path("message").asText()).startsWith(bad.getKey());
    }
    List<String> many = new ArrayList<>(Collections.nCopies(1001, record(1)));
    HttpResponse<String> tooMany =
        send(
            "POST",
            "/kafka/consumptions",
            admin,
            "{\"service\": \"a\", \"instance\": \"baseline\", \"group\": \"g\", \"records\": ["
                + String.join(", ", many)
                + "]}");
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(json(tooMany).path("message").asText()).startsWith("records: 1001 records");

    JsonNode kept = json(send("GET", "/hops?key=refused-key", admin, null)).path("hops");
    assertThat(kept).isEmpty();
  }

  @Test
  void theClientReadsTheRoutesAndWaitsForTheirChange() throws Exception {
    DaemonClient client = new DaemonClient(api, reader);
    KafkaRoutes now = client.kafkaRoutes(null, null);

    KafkaRoutes same = client.kafkaRoutes(now.version(), 1);
    DaemonClientException refused =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            DaemonClientException.class,
            () -> client.consumptions(new ConsumptionRequest("a", "baseline", "g", List.of())));

    assertThat(same).isEqualTo(now);
    assertThat(refused.status()).isEqualTo(403);
  }

  private static String consumption(String instance, String group, long offset) {
    return "{\"service\": \"a\", \"instance\": \""
        + instance
        + "\", \"group\": \""
        + group
        + "\", \"records\": ["
        + record(offset)
        + "]}";
  }

  private static String record(long offset) {
    return "{\"topic\": \"orders\", \"partition\": 0, \"offset\": "
        + offset
        + ", \"key\": \"refused-key\", \"size\": 3}";
  }

  private static long current() throws Exception {
    return json(send("GET", "/kafka/routes", reader, null)).path("version").asLong();
  }

  private static String forksNow(String sandbox) throws Exception {
    return forks(json(send("GET", "/kafka/routes", reader, null)), sandbox);
  }

  private static String forks(JsonNode routes, String sandbox) {
    for (JsonNode s : routes.path("sandboxes")) {
      if (s.path("name").asText().equals(sandbox)) {
        return s.path("forks").toString();
      }
    }
    return "(not listed)";
  }

  private static CompletableFuture<HttpResponse<String>> poll(long version, int wait) {
    return HTTP.sendAsync(
        HttpRequest.newBuilder(
                URI.create(api + "/kafka/routes?version=" + version + "&wait=" + wait))
            .header("Authorization", "Bearer " + reader)
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> create(String name, String... services) throws Exception {
    StringBuilder forks = new StringBuilder();
    for (String service : services) {
      forks.append(forks.length() == 0 ? "" : ", ").append("{\"service\": \"" + service + "\"}");
    }
    HttpResponse<String> created =
        send(
            "POST",
            "/sandboxes",
            admin,
            "{\"name\": \"" + name + "\", \"forks\": [" + forks + "]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return created;
  }

  private static String token(String name, String scopes) throws Exception {
    HttpResponse<String> created =
        send("POST", "/tokens", admin, "{\"name\": \"" + name + "\", \"scopes\": " + scopes + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).path("token").asText();
  }

  private static HttpResponse<String> send(String method, String path, String token, String body)
      throws IOException, InterruptedException {
    return new ApiCalls(api).send(method, path, token, body);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return ApiCalls.json(response);
  }
}
