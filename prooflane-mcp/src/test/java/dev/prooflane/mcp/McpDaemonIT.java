package dev.prooflane.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.mcp.agentskills.AgentSkillsExport;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.Json;
import dev.prooflane.server.json.TokenRequest;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Real MCP clients (stdio and Streamable HTTP) against a real daemon running the demo shop. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpDaemonIT {
  static final String DISCOUNT = ShopDaemon.DISCOUNT;
  static final Path TARGET = Path.of("target").toAbsolutePath();

  ShopDaemon shop;
  Path stateDir;
  Daemon daemon;
  String base;
  String token;

  @BeforeAll
  void start() throws Exception {
    shop = new ShopDaemon();
    stateDir = shop.stateDir;
    daemon = shop.daemon;
    base = shop.base;
    token = shop.token;
  }

  @AfterAll
  void stop() {
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  @Order(1)
  void stdioSessionCreatesRunsReadsAndDeletes() throws Exception {
    try (McpSyncClient client = stdioClient()) {
      client.initialize();
      Session s = new Session(client);
      List<McpSchema.Tool> tools = client.listTools().tools();
      assertThat(tools).extracting(McpSchema.Tool::name).hasSize(17).contains("validate");
      s.note("(tools/list: " + tools.size() + " tools)");

      assertThat(s.call("list_services", "{}").text()).contains("pricing: running");
      assertThat(s.call("list_skills", "{}").text()).contains("product-contract:");
      Session.Answer created =
          s.call(
              "create_sandbox",
              "{\"name\":\"pr-42\",\"ttl\":\"30m\",\"forks\":[{\"service\":\"pricing\",\"command\":\""
                  + DISCOUNT
                  + "\"}]}");
      assertThat(created.error()).as(created.text()).isFalse();
      assertThat(created.json().path("phase").asText()).isEqualTo("READY");
      String key = created.json().path("routingKey").asText();
      assertThat(created.json().path("keyHeaders"))
          .hasToString(
              "{\"baggage\":\"prooflane-key="
                  + key
                  + "\",\"tracestate\":\"prooflane-key="
                  + key
                  + "\",\"x-prooflane-key\":\""
                  + key
                  + "\"}");

      Session.Answer run =
          s.call("run_skill", "{\"skill\":\"product-contract\",\"sandbox\":\"pr-42\"}");
      assertThat(run.error()).as(run.text()).isFalse();
      assertThat(run.json().path("verdict").asText()).as(run.text()).isEqualTo("PASS");
      assertThat(run.text()).startsWith("verdict PASS: product-contract in sandbox pr-42");
      Path report = Path.of(run.json().at("/reports/json").asText());
      assertThat(report).exists();
      assertThat(
              Json.mapper()
                  .readTree(report.resolveSibling("statement.json").toFile())
                  .at("/predicate/result")
                  .asText())
          .isEqualTo("PASSED");

      assertThat(s.call("list_sandboxes", "{}").text()).contains("pr-42");
      Session.Answer sandbox = s.call("get_sandbox", "{\"name\":\"pr-42\"}");
      assertThat(sandbox.error()).as(sandbox.text()).isFalse();
      assertThat(sandbox.json().path("phase").asText()).isEqualTo("READY");

      Session.Answer again =
          s.call("get_run", "{\"id\":\"" + run.json().path("id").asText() + "\"}");
      assertThat(again.json().path("verdict").asText()).isEqualTo("PASS");
      Session.Answer hops = s.call("get_hops", "{\"sandbox\":\"pr-42\",\"limit\":10}");
      assertThat(hops.text()).contains("pricing -> pr-42");
      assertThat(
              s.call("get_logs", "{\"service\":\"pricing\",\"sandbox\":\"pr-42\",\"tail\":3}")
                  .text())
          .contains("3 line(s) of pricing in sandbox pr-42");
      assertThat(s.call("get_sandbox", "{\"name\":\"nope\"}").text())
          .contains("sandbox 'nope' not found: known sandboxes: pr-42")
          .contains("list_sandboxes");
      assertThat(s.call("delete_sandbox", "{\"name\":\"pr-42\"}").text())
          .isEqualTo("sandbox pr-42 deleted");
      s.write(TARGET.resolve("mcp-transcript.md"));
    }
  }

  @Test
  @Order(2)
  void pipedStdinClosedRightAfterTheLastRequestStillGetsEveryAnswer() throws Exception {
    List<String> command = new ArrayList<>(javaCommand());
    command.addAll(List.of("--state-dir", stateDir.toString()));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String validate =
        "{\"forks\":[{\"service\":\"pricing\",\"command\":\""
            + DISCOUNT
            + "\"}],\"skills\":[\"product-contract\"]}";
    try (OutputStream in = p.getOutputStream()) {
      for (String line :
          List.of(
              StdioWithoutDaemonTest.initialize(1),
              "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
              "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
              StdioWithoutDaemonTest.call(3, "list_services", "{}"),
              StdioWithoutDaemonTest.call(4, "validate", validate),
              StdioWithoutDaemonTest.call(5, "get_sandbox", "{\"name\":\"nope\"}"))) {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    Map<Integer, JsonNode> replies = new HashMap<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        JsonNode reply = Json.mapper().readTree(line);
        replies.put(reply.path("id").asInt(), reply);
      }
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    assertThat(replies).containsOnlyKeys(1, 2, 3, 4, 5);
    assertThat(replies.get(4).at("/result/structuredContent/verdict").asText())
        .as(replies.get(4).toString())
        .isEqualTo("PASS");
    assertThat(replies.get(5).at("/result/isError").asBoolean()).isTrue();
  }

  @Test
  @Order(3)
  void streamableHttpSessionCreatesRunsReadsAndDeletes() throws Exception {
    try (McpSyncClient client = httpClient()) {
      client.initialize();
      Session s = new Session(client);
      assertThat(client.listTools().tools()).hasSize(17);
      Session.Answer created =
          s.call(
              "create_sandbox",
              "{\"name\":\"mcp-http\",\"forks\":[{\"service\":\"pricing\",\"command\":\""
                  + DISCOUNT
                  + "\"}]}");
      assertThat(created.json().path("phase").asText()).as(created.text()).isEqualTo("READY");
      Session.Answer run =
          s.call(
              "run_skill",
              "{\"skill\":\"product-contract\",\"sandbox\":\"mcp-http\",\"inputs\":{\"productId\":2}}");
      assertThat(run.json().path("verdict").asText()).as(run.text()).isEqualTo("PASS");
      Session.Answer check =
          s.call(
              "run_action",
              "{\"action\":\"check\",\"sandbox\":\"mcp-http\",\"with\":{\"that\":true,\"message\":\"holds\"}}");
      assertThat(check.error()).as(check.text()).isFalse();
      assertThat(check.text()).startsWith("action check in sandbox mcp-http: PASS");
      assertThat(s.call("describe_action", "{\"name\":\"http\"}").text())
          .contains("inputs (with):");
      assertThat(s.call("describe_skill", "{\"name\":\"product-contract\"}").text())
          .contains("- contract: schema");
      assertThat(s.call("list_actions", "{}").text()).contains("- http:").contains("- grpc:");
      assertThat(s.call("list_skills", "{}").text()).contains("product-contract:");
      Session.Answer sandbox = s.call("get_sandbox", "{\"name\":\"mcp-http\"}");
      assertThat(sandbox.error()).as(sandbox.text()).isFalse();
      assertThat(sandbox.json().path("name").asText()).isEqualTo("mcp-http");
      assertThat(s.call("delete_sandbox", "{\"name\":\"mcp-http\"}").error()).isFalse();
      assertThat(s.call("list_sandboxes", "{}").text()).startsWith("no sandboxes");
    }
  }

  @Test
  @Order(4)
  void runActionSendsAKeyedHttpRequestIntoTheSandbox() throws Exception {
    try (McpSyncClient client = httpClient()) {
      client.initialize();
      Session s = new Session(client);
      s.call(
          "create_sandbox",
          "{\"name\":\"mcp-action\",\"forks\":[{\"service\":\"pricing\",\"command\":\""
              + DISCOUNT
              + "\"}]}");
      Session.Answer action =
          s.call(
              "run_action",
              "{\"action\":\"http\",\"sandbox\":\"mcp-action\",\"with\":{\"service\":\"frontend\",\"path\":\"/products/1\"}}");
      s.call("delete_sandbox", "{\"name\":\"mcp-action\"}");
      assertThat(action.error()).as(action.text()).isFalse();
      assertThat(action.text())
          .startsWith("action http in sandbox mcp-action: PASS")
          .contains("(keyed) -> 200");
    }
  }

  @Test
  @Order(4)
  void errorsAreResultsThatSayWhatToDoNext() throws Exception {
    try (McpSyncClient client = httpClient()) {
      client.initialize();
      Session s = new Session(client);
      Session.Answer unknown = s.call("get_sandbox", "{\"name\":\"nope\"}");
      assertThat(unknown.error()).isTrue();
      assertThat(unknown.text()).contains("sandbox 'nope' not found").contains("list_sandboxes");
      assertThat(unknown.text()).startsWith("not_found: ");
      assertThat(unknown.json().isMissingNode()).isTrue();

      Session.Answer missing = s.call("create_sandbox", "{\"ttl\":\"10m\"}");
      assertThat(missing.error()).isTrue();
      assertThat(missing.text()).contains("forks: missing");

      Session.Answer badService =
          s.call("create_sandbox", "{\"forks\":[{\"service\":\"billing\"}]}");
      assertThat(badService.error()).isTrue();
      assertThat(badService.text()).contains("invalid_input: create_sandbox").contains("billing");

      Session.Answer crashing =
          s.call(
              "create_sandbox",
              "{\"name\":\"boom\",\"forks\":[{\"service\":\"pricing\",\"command\":\"sh -c 'exit 3'\"}]}");
      assertThat(crashing.error()).isTrue();
      assertThat(crashing.text()).contains("did not come up").contains("get_logs");

      Session.Answer noSkill = s.call("run_skill", "{\"skill\":\"nope\"}");
      assertThat(noSkill.error()).isTrue();
      assertThat(noSkill.text()).contains("list_skills");
    }
    DaemonLocator gone = DaemonLocator.apiUrl(() -> "http://127.0.0.1:9/api/v1");
    var result = dev.prooflane.mcp.tools.ToolCatalog.all().get(1).call(Map.of(), gone);
    assertThat(result.error()).isTrue();
    assertThat(result.text())
        .contains("does not answer")
        .contains("prooflane up -f prooflane.yaml --detach");

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> get =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    HttpResponse<String> foreign =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Origin", "https://evil.example")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(StdioWithoutDaemonTest.initialize(1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  @Order(4)
  void httpEndpointNeedsATokenAndToolsActWithTheCallersScopes() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/mcp"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(StdioWithoutDaemonTest.initialize(1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(anonymous.body()).contains("\"error\":\"unauthorized\"");

    String reader =
        new DaemonClient(daemon.info().apiUrl(), token)
            .createToken(new TokenRequest("mcp-reader", List.of("sandbox:read"), null))
            .path("token")
            .asText();
    try (McpSyncClient client = httpClient(reader)) {
      client.initialize();
      Session s = new Session(client);
      Session.Answer list = s.call("list_sandboxes", "{}");
      assertThat(list.error()).as(list.text()).isFalse();
      Session.Answer create =
          s.call("create_sandbox", "{\"name\":\"denied\",\"forks\":[{\"service\":\"pricing\"}]}");
      assertThat(create.error()).isTrue();
      assertThat(create.text()).startsWith("forbidden: ");
      assertThat(create.text()).contains("needs scope sandbox:write");
    }
  }

  @Test
  @Order(4)
  void toolsOfAWriteTokenCannotMakeAForkRunItsOwnCommand() throws Exception {
    String ci =
        new DaemonClient(daemon.info().apiUrl(), token)
            .createToken(new TokenRequest("mcp-ci", List.of("sandbox:read", "sandbox:write"), null))
            .path("token")
            .asText();
    String own = "[{\"service\":\"pricing\",\"command\":\"" + DISCOUNT + "\"}]";
    try (McpSyncClient client = httpClient(ci)) {
      client.initialize();
      Session s = new Session(client);
      Session.Answer create =
          s.call("create_sandbox", "{\"name\":\"own-cmd\",\"forks\":" + own + "}");
      Session.Answer validate =
          s.call("validate", "{\"forks\":" + own + ",\"skills\":[\"product-contract\"]}");

      for (Session.Answer refused : List.of(create, validate)) {
        assertThat(refused.error()).as(refused.text()).isTrue();
        assertThat(refused.text())
            .contains(
                "refused by policy forks.exec: forks[0].command: running a command of your own"
                    + " needs scope sandbox:exec, which token 'mcp-ci' lacks");
      }
      assertThat(s.call("list_sandboxes", "{}").text()).doesNotContain("own-cmd");
      Session.Answer artifact =
          s.call(
              "create_sandbox",
              "{\"name\":\"own-jar\",\"forks\":[{\"service\":\"pricing\","
                  + "\"artifact\":\"target/shop.jar\"}]}");
      assertThat(artifact.error()).as(artifact.text()).isFalse();
      assertThat(s.call("delete_sandbox", "{\"name\":\"own-jar\"}").text())
          .isEqualTo("sandbox own-jar deleted");
    }
  }

  @Test
  @Order(5)
  void validateOverHttpPassesWhenTheChangeKeepsTheContract() throws Exception {
    try (McpSyncClient client = httpClient()) {
      client.initialize();
      Session.Answer passed =
          new Session(client)
              .call(
                  "validate",
                  "{\"forks\":[{\"service\":\"pricing\",\"command\":\""
                      + DISCOUNT
                      + "\"}],\"skills\":[\"product-contract\"]}");
      assertThat(passed.error()).as(passed.text()).isFalse();
      assertThat(passed.json().path("verdict").asText()).as(passed.text()).isEqualTo("PASS");
    }
  }

  @Test
  @Order(5)
  void validateNamesFailingAssertionsAndUnexercisedForks() throws Exception {
    try (McpSyncClient client = httpClient()) {
      client.initialize();
      Session s = new Session(client);
      Session.Answer failed =
          s.call(
              "validate",
              "{\"forks\":[{\"service\":\"pricing\",\"command\":\"java -cp ${artifact}"
                  + " dev.prooflane.examples.shop.pricing.PricingRegressionMain\"}],"
                  + "\"skills\":[\"product-contract\"]}");
      assertThat(failed.error()).as(failed.text()).isFalse();
      assertThat(failed.json().path("verdict").asText()).as(failed.text()).isEqualTo("FAIL");
      assertThat(failed.text())
          .startsWith("validate FAIL: sandbox validate-")
          .contains("step 'contract' $.price");
      assertThat(failed.json().at("/runs/0/failures/0/step").asText()).isEqualTo("contract");

      Session.Answer dropped =
          s.call(
              "validate",
              "{\"forks\":[{\"service\":\"pricing\",\"command\":\""
                  + DISCOUNT
                  + "\"},{\"service\":\"catalog\",\"command\":\"java -cp ${artifact}"
                  + " dev.prooflane.examples.shop.catalog.CatalogDropsKeyMain\"}],"
                  + "\"skills\":[\"product-contract\"]}");
      assertThat(dropped.json().path("verdict").asText())
          .as(dropped.text())
          .isEqualTo("INCONCLUSIVE");
      assertThat(dropped.json().at("/runs/0/notExercised/0").asText()).isEqualTo("pricing");
      assertThat(dropped.text()).contains("the change was not exercised").contains("get_hops");
      s.write(TARGET.resolve("mcp-transcript-verdicts.md"));
    }
  }

  @Test
  @Order(6)
  void exportsOneAgentSkillPerCatalogSkill() throws Exception {
    Path dir = TARGET.resolve("agent-skills");
    AgentSkillsExport.write(dir, new DaemonClient(daemon.info().apiUrl(), token).skills());
    assertThat(SkillFiles.checkAll(dir))
        .contains(
            "prooflane-validate",
            "prooflane-skill-product-contract",
            "prooflane-skill-discount-visible");
  }

  private McpSyncClient stdioClient() {
    List<String> command = new ArrayList<>(javaCommand());
    command.addAll(List.of("--state-dir", stateDir.toString()));
    ServerParameters params =
        ServerParameters.builder(command.get(0))
            .args(new ArrayList<>(command.subList(1, command.size())))
            .build();
    StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
    transport.setStdErrorHandler(line -> {});
    return McpClient.sync(transport).requestTimeout(Duration.ofMinutes(3)).build();
  }

  private McpSyncClient httpClient() {
    return httpClient(token);
  }

  private McpSyncClient httpClient(String bearer) {
    return McpClient.sync(
            HttpClientStreamableHttpTransport.builder(base)
                .endpoint("/mcp")
                .addHttpRequestCustomizer(
                    (request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + bearer))
                .build())
        .requestTimeout(Duration.ofMinutes(3))
        .build();
  }

  private static List<String> javaCommand() {
    return List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        McpMain.class.getName());
  }
}
