package dev.prooflane.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stdio server in-process, fed input that ends right after the last request (the case where the
 * SDK's transport alone drops replies), with no daemon running.
 */
class StdioWithoutDaemonTest {
  @TempDir Path stateDir;

  @Test
  void answersEveryRequestWhenInputEndsRightAfterTheLast() throws Exception {
    Map<Integer, JsonNode> replies =
        serve(
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
            call(3, "list_sandboxes", "{}"),
            call(4, "list_skills", "{}"),
            call(5, "get_sandbox", "{\"name\":\"pr-1\"}"));
    assertThat(replies).containsKeys(1, 2, 3, 4, 5);
    assertThat(replies.get(2).at("/result/tools")).hasSize(17);
  }

  @Test
  void withoutADaemonSaysHowToStartOne() throws Exception {
    JsonNode reply = serve(call(2, "list_sandboxes", "{}")).get(2);
    assertThat(reply.at("/result/isError").asBoolean()).isTrue();
    assertThat(reply.at("/result/content/0/text").asText())
        .startsWith("no_daemon: ")
        .contains("no Prooflane daemon is running for " + stateDir)
        .contains("prooflane up -f prooflane.yaml --detach");
    assertThat(reply.at("/result/structuredContent").isMissingNode()).isTrue();
  }

  @Test
  void invalidInputNamesEveryWrongField() throws Exception {
    JsonNode reply =
        serve(
                call(
                    2,
                    "create_sandbox",
                    "{\"ttl\":5,\"forks\":[{\"servce\":\"pricing\",\"env\":{\"A\":1}}]}"))
            .get(2);
    String text = reply.at("/result/content/0/text").asText();
    assertThat(reply.at("/result/isError").asBoolean()).isTrue();
    assertThat(text)
        .startsWith("invalid_input: create_sandbox:")
        .contains("ttl: 5 (expected: text)")
        .contains("forks[0].service: missing")
        .contains("forks[0].servce: unknown field (known: service, command, args, artifact, env,")
        .contains("forks[0].env.A: 1 (expected: text)");
  }

  @Test
  void aLineThatIsNotJsonGetsAParseErrorAndTheSessionGoesOn() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    run(
        out,
        initialize(1),
        INITIALIZED,
        "this is not json",
        "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
    List<JsonNode> lines = lines(out);
    assertThat(lines)
        .anySatisfy(l -> assertThat(l.at("/error/code").asInt()).isEqualTo(-32700))
        .anySatisfy(l -> assertThat(l.path("id").asInt()).isEqualTo(2));
  }

  @Test
  void toolsCarryTheirEffectAsAnnotations() throws Exception {
    JsonNode tools =
        serve("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
            .get(2)
            .at("/result/tools");
    Map<String, JsonNode> byName = new HashMap<>();
    tools.forEach(t -> byName.put(t.path("name").asText(), t));
    assertThat(byName.get("delete_sandbox").at("/annotations/destructiveHint").asBoolean())
        .isTrue();
    assertThat(byName.get("create_sandbox").at("/annotations/readOnlyHint").asBoolean()).isFalse();
    assertThat(byName.get("run_skill").at("/annotations/readOnlyHint").asBoolean()).isFalse();
    assertThat(byName.get("list_sandboxes").at("/annotations/readOnlyHint").asBoolean()).isTrue();
    assertThat(byName.get("create_sandbox").at("/inputSchema/required/0").asText())
        .isEqualTo("forks");
    assertThat(byName.get("run_skill").at("/outputSchema/properties/verdict/type").asText())
        .isEqualTo("string");
  }

  @Test
  void requestsBeforeInitializedAreAnsweredAndTheEndOfInputIsNotHeld() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long start = System.nanoTime();
    run(out, initialize(1), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    // held, it would wait for HeldInput's 20-minute bound; a minute leaves room for a busy machine
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(60_000);
    assertThat(lines(out)).anySatisfy(l -> assertThat(l.path("id").asInt()).isEqualTo(1));
    assertThat(lines(out)).anySatisfy(l -> assertThat(l.at("/result/tools").size()).isEqualTo(17));
  }

  /** Initializes as every client does, then sends {@code lines}; answers by id. */
  private Map<Integer, JsonNode> serve(String... lines) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> all = new java.util.ArrayList<>(List.of(initialize(1), INITIALIZED));
    all.addAll(List.of(lines));
    run(out, all.toArray(String[]::new));
    Map<Integer, JsonNode> replies = new HashMap<>();
    for (JsonNode reply : lines(out)) {
      if (reply.path("id").isInt()) {
        replies.put(reply.path("id").asInt(), reply);
      }
    }
    return replies;
  }

  private void run(ByteArrayOutputStream out, String... lines) throws InterruptedException {
    byte[] in = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    McpStdio.serve(DaemonLocator.stateDir(stateDir), new ByteArrayInputStream(in), out);
  }

  private static List<JsonNode> lines(ByteArrayOutputStream out) throws IOException {
    List<JsonNode> nodes = new java.util.ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        nodes.add(Json.mapper().readTree(line));
      }
    }
    return nodes;
  }

  static final String INITIALIZED =
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

  static String initialize(int id) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";
  }

  static String call(int id, String tool, String arguments) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
        + tool
        + "\",\"arguments\":"
        + arguments
        + "}}";
  }
}
