package dev.prooflane.mcp;

import static dev.prooflane.mcp.StdioWithoutDaemonTest.call;
import static dev.prooflane.mcp.StdioWithoutDaemonTest.initialize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The protocol edges of the Streamable HTTP endpoint with raw POSTs against a real daemon: status
 * codes, JSON-RPC errors, sessions, origin and host rules, discovery, streams, cancellation.
 */
class McpHttpIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"ping\"}";
  @RegisterExtension static final ShopExtension SHOP = new ShopExtension();

  private static ShopDaemon shop() {
    return SHOP.shop();
  }

  private HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(shop().base + path))
            .header("Authorization", "Bearer " + shop().token)
            .header("Accept", "application/json, text/event-stream")
            .header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return b;
  }

  private HttpResponse<String> post(String body, String... headers) throws Exception {
    return HTTP.send(
        request("/mcp", headers).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return Json.mapper().readTree(r.body());
  }

  /** A new initialized session's id. */
  private String session() throws Exception {
    HttpResponse<String> init = post(initialize(1));
    String id = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
    assertThat(
            post(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "Mcp-Session-Id",
                    id)
                .statusCode())
        .isEqualTo(202);
    return id;
  }

  @Test
  void malformedMessagesAre400WithTheirJsonRpcError() throws Exception {
    for (String[] c :
        List.of(
            new String[] {"{oops", "-32700", "parse error: the POST body is not valid JSON"},
            new String[] {"", "-32700", "parse error: the POST body is empty"},
            new String[] {"{\"foo\":1}", "-32600", "jsonrpc: missing"},
            new String[] {"{\"jsonrpc\":\"2.0\",\"id\":1}", "-32600", "method: missing"},
            new String[] {
              "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", "-32600", "id: null"
            },
            new String[] {"[" + PING + "]", "-32600", "batches are not supported"},
            new String[] {"[]", "-32600", "batches are not supported"},
            new String[] {"17", "-32600", "got a number (17)"})) {
      HttpResponse<String> r = post(c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      JsonNode error = json(r);
      assertThat(error.at("/error/code").asText()).as(c[0]).isEqualTo(c[1]);
      assertThat(error.at("/error/message").asText()).as(c[0]).contains(c[2]);
      assertThat(error.at("/error/message").asText()).doesNotContain("StreamReadFeature");
    }
  }

  @Test
  void pingNeedsNoSessionAndOtherRequestsAreToldToInitialize() throws Exception {
    HttpResponse<String> ping = post(PING);
    assertThat(ping.statusCode()).isEqualTo(200);
    assertThat(json(ping).path("result").isObject()).isTrue();

    HttpResponse<String> list = post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    assertThat(list.statusCode()).isEqualTo(400);
    assertThat(json(list).at("/error/message").asText())
        .contains("no Mcp-Session-Id header: send initialize first");

    HttpResponse<String> unknown =
        post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", "Mcp-Session-Id", "nope");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).at("/error/message").asText()).contains("send initialize again");
  }

  @Test
  void initializeOpensASessionWithTheSameCapabilitiesAsStdio() throws Exception {
    for (String[] c :
        List.of(
            new String[] {"2024-11-05", "2024-11-05"},
            new String[] {"2025-06-18", "2025-06-18"},
            new String[] {"2099-01-01", "2025-11-25"})) {
      HttpResponse<String> init =
          post(
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                  + c[0]
                  + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
      assertThat(init.statusCode()).isEqualTo(200);
      assertThat(init.headers().firstValue("Mcp-Session-Id")).isPresent();
      JsonNode result = json(init).path("result");
      assertThat(result.path("protocolVersion").asText()).isEqualTo(c[1]);
      assertThat(result.at("/capabilities/tools").isObject()).isTrue();
      assertThat(result.at("/capabilities/logging").isObject()).isTrue();
    }
  }

  @Test
  void requestsAfterInitializeAreServedBeforeInitializedAndErrorsNameWhatWasWrong()
      throws Exception {
    String id = post(initialize(1)).headers().firstValue("Mcp-Session-Id").orElseThrow();
    HttpResponse<String> list =
        post("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}", "Mcp-Session-Id", id);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(json(list).at("/result/tools").size()).isEqualTo(17);

    JsonNode method =
        json(
            post(
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"prompts/list\"}",
                "Mcp-Session-Id",
                id));
    assertThat(method.at("/error/code").asInt()).isEqualTo(-32601);
    assertThat(method.at("/error/message").asText()).startsWith("method 'prompts/list' not found");

    JsonNode tool = json(post(call(4, "invalid_tool_name", "{}"), "Mcp-Session-Id", id));
    assertThat(tool.at("/error/code").asInt()).isEqualTo(-32602);
    assertThat(tool.at("/error/message").asText()).contains("unknown tool 'invalid_tool_name'");

    HttpResponse<String> arguments = post(call(5, "list_sandboxes", "[]"), "Mcp-Session-Id", id);
    assertThat(arguments.statusCode()).isEqualTo(200);
    assertThat(json(arguments).at("/error/code").asInt()).isEqualTo(-32602);
    assertThat(json(arguments).at("/error/message").asText())
        .startsWith("invalid params: arguments: expected an object, got an array");

    String big = "x".repeat(60_000);
    JsonNode longName =
        json(post(call(6, "get_sandbox", "{\"name\":\"" + big + "\"}"), "Mcp-Session-Id", id));
    assertThat(longName.at("/result/content/0/text").asText())
        .startsWith("invalid_input: get_sandbox: name: 60000 characters (expected: at most 256;");
  }

  @Test
  void notificationsAndResponsesAre202AndASessionEndsOnDelete() throws Exception {
    String id = session();
    assertThat(
            post("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}", "Mcp-Session-Id", id)
                .statusCode())
        .isEqualTo(202);
    HttpResponse<String> get =
        HTTP.send(
            request("/mcp", "Mcp-Session-Id", id).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST, DELETE");
    HttpResponse<String> delete =
        HTTP.send(
            request("/mcp", "Mcp-Session-Id", id).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(delete.statusCode()).isEqualTo(204);
    assertThat(post(PING.replace("99", "5"), "Mcp-Session-Id", id).statusCode()).isEqualTo(404);
  }

  @Test
  void anUnsupportedProtocolVersionHeaderIs400() throws Exception {
    HttpResponse<String> r = post(PING, "MCP-Protocol-Version", "1999-01-01");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).at("/error/message").asText())
        .contains("MCP-Protocol-Version: 1999-01-01 (expected: one of 2025-11-25,");
  }

  @Test
  void aPageOnAnotherLoopbackPortIsAnsweredWithCorsAndOthersAreRefused() throws Exception {
    HttpResponse<String> preflight =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(shop().base + "/mcp"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:6274")
                .header("Access-Control-Request-Method", "POST")
                .header(
                    "Access-Control-Request-Headers", "authorization, content-type, mcp-session-id")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://localhost:6274");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
        .contains(
            "Authorization",
            "Content-Type",
            "Mcp-Session-Id",
            "MCP-Protocol-Version",
            "Last-Event-ID");

    HttpResponse<String> inspector = post(PING, "Origin", "http://127.0.0.1:6274");
    assertThat(inspector.statusCode()).isEqualTo(200);
    assertThat(inspector.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("http://127.0.0.1:6274");
    HttpResponse<String> init = post(initialize(1), "Origin", "http://localhost:6274");
    assertThat(init.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
        .contains("Mcp-Session-Id");

    HttpResponse<String> foreign = post(PING, "Origin", "https://evil.example");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(json(foreign).at("/error/message").asText())
        .startsWith("origin https://evil.example refused");
    assertThat(post(PING, "Origin", "http://127.attacker.example:6274").statusCode())
        .isEqualTo(403);
  }

  @Test
  void withoutAnOriginTheHostMustNameTheDaemonOnLoopback() throws Exception {
    int port = URI.create(shop().base).getPort();
    for (String host :
        List.of("evil.example:" + port, "localhost:1", "127.attacker.example:" + port)) {
      Raw r = rawPost(port, host);
      assertThat(r.status()).as(host).isEqualTo(403);
      assertThat(r.body()).as(host).contains("DNS rebinding");
    }
    assertThat(rawPost(port, "localhost:" + port).status()).isEqualTo(200);
    assertThat(rawPost(port, "[::1]:" + port).status()).isEqualTo(200);
  }

  /** A POST of a ping with its own Host header (the JDK client will not send one). */
  private Raw rawPost(int port, String host) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      String request =
          "POST /mcp HTTP/1.1\r\nHost: "
              + host
              + "\r\nAuthorization: Bearer "
              + shop().token
              + "\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: "
              + PING.length()
              + "\r\nConnection: close\r\n\r\n"
              + PING;
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int status = Integer.parseInt(answer.substring(9, 12));
      String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
      return new Raw(status, body);
    }
  }

  @Test
  void discoveryDocumentsAre404AndThe401SaysHowToPassTheToken() throws Exception {
    for (String path :
        List.of(
            "/.well-known/oauth-protected-resource",
            "/.well-known/oauth-protected-resource/mcp",
            "/.well-known/oauth-authorization-server",
            "/.well-known/oauth-authorization-server/mcp",
            "/.well-known/openid-configuration",
            "/mcp/.well-known/openid-configuration")) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(shop().base + path)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(404);
    }
    HttpResponse<String> anonymous =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(shop().base + "/mcp"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(initialize(1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow())
        .startsWith("Bearer")
        .doesNotContain("resource_metadata");
    assertThat(json(anonymous).path("message").asText())
        .contains("Authorization: Bearer <token>")
        .contains("admin.token")
        .contains("prooflane token create");
  }

  @Test
  void progressComesAsAnEventStreamOnlyToAClientThatAcceptsOne() throws Exception {
    String id = session();
    String validate =
        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"validate\","
            + "\"_meta\":{\"progressToken\":\"p7\"},\"arguments\":{\"forks\":[{\"service\":\"pricing\","
            + "\"command\":\""
            + ShopDaemon.DISCOUNT
            + "\"}],\"skills\":[\"product-contract\"]}}}";
    HttpResponse<String> streamed = post(validate, "Mcp-Session-Id", id);
    assertThat(streamed.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    List<JsonNode> events = events(streamed.body());
    assertThat(events.subList(0, events.size() - 1))
        .allSatisfy(e -> assertThat(e.path("method").asText()).isEqualTo("notifications/progress"))
        .anySatisfy(e -> assertThat(e.at("/params/message").asText()).startsWith("step contract"));
    assertThat(events.subList(0, events.size() - 1))
        .extracting(e -> e.at("/params/progress").asInt())
        .isSorted();
    assertThat(events.get(events.size() - 1).at("/result/structuredContent/verdict").asText())
        .isEqualTo("PASS");

    HttpResponse<String> plain =
        post(
            validate.replace("\"id\":7", "\"id\":8"),
            "Mcp-Session-Id",
            id,
            "Accept",
            "application/json");
    assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(plain).at("/result/structuredContent/verdict").asText()).isEqualTo("PASS");
  }

  @Test
  void aCancelledValidationEndsItsStreamStopsTheRunAndDeletesTheSandbox() throws Exception {
    String id = session();
    String slow =
        "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"validate\","
            + "\"_meta\":{\"progressToken\":9},\"arguments\":{\"name\":\"cancel-me\",\"forks\":[{\"service\":\"pricing\","
            + "\"command\":\""
            + ShopDaemon.DISCOUNT
            + "\"}],\"skills\":[\"slow-contract\"],\"inputs\":{\"ticks\":60},\"skillDirs\":[\""
            + ShopDaemon.SLOW_SKILLS
            + "\"]}}}";
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<HttpResponse<Stream<String>>> response =
        HTTP.sendAsync(
            request("/mcp", "Mcp-Session-Id", id)
                .POST(HttpRequest.BodyPublishers.ofString(slow))
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    CompletableFuture<Void> read = response.thenAccept(r -> r.body().forEach(lines::add));
    await()
        .atMost(Duration.ofSeconds(60))
        .failFast(
            () -> {
              if (read.isDone()) {
                throw new AssertionError("the call ended: " + lines);
              }
              return false;
            })
        .until(() -> lines.stream().anyMatch(l -> l.contains("step part_1")));
    DaemonClient rest = new DaemonClient(shop().daemon.info().apiUrl(), shop().token);
    assertThat(rest.sandbox("cancel-me").phase()).isEqualTo("READY");

    assertThat(
            post(
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":9,"
                        + "\"reason\":\"the test gave up\"}}",
                    "Mcp-Session-Id",
                    id)
                .statusCode())
        .isEqualTo(202);
    read.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(lines).noneMatch(l -> l.contains("\"result\""));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                rest.sandboxes().sandboxes().stream().noneMatch(s -> s.name().equals("cancel-me")));
    JsonNode validations = rest.validations();
    JsonNode cancelled = null;
    for (JsonNode v : validations.path("validations")) {
      if ("cancel-me".equals(v.path("sandbox").asText())) {
        cancelled = v;
      }
    }
    assertThat(cancelled).isNotNull();
    assertThat(cancelled.path("state").asText()).isEqualTo("CANCELLED");
    assertThat(cancelled.path("message").asText())
        .isEqualTo("cancelled by admin: the MCP client cancelled the call");
    assertThat(cancelled.at("/runs/0/state").asText()).isEqualTo("CANCELLED");
  }

  private static List<JsonNode> events(String body) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("data: ")) {
        out.add(Json.mapper().readTree(line.substring(6)));
      }
    }
    return out;
  }

  /**
   * A response written by hand.
   *
   * @param status its status
   * @param body its body
   */
  private record Raw(int status, String body) {}
}
