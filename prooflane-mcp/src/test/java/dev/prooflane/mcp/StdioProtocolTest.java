package dev.prooflane.mcp;

import static dev.prooflane.mcp.StdioWithoutDaemonTest.INITIALIZED;
import static dev.prooflane.mcp.StdioWithoutDaemonTest.call;
import static dev.prooflane.mcp.StdioWithoutDaemonTest.initialize;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.mcp.tools.ToolCatalog;
import dev.prooflane.model.ProoflaneException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The protocol edges of the stdio server, line by line: malformed messages, the lifecycle, error
 * codes and messages, cancellation and the end of input. No daemon runs.
 */
class StdioProtocolTest {
  private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"ping\"}";

  @TempDir Path stateDir;

  private StdioPipe pipe() throws Exception {
    return new StdioPipe(DaemonLocator.stateDir(stateDir));
  }

  private StdioPipe initialized() throws Exception {
    StdioPipe pipe = pipe();
    pipe.send(initialize(1)).send(INITIALIZED);
    pipe.answer(1);
    return pipe;
  }

  /** Sends {@code line}, then a ping: answers the error and shows the session went on. */
  private static JsonNode errorThenPing(StdioPipe pipe, String line) throws Exception {
    pipe.send(line).send(PING);
    JsonNode error = pipe.next(m -> m.has("error"));
    assertThat(pipe.answer(99).path("result").isObject()).as("the session goes on").isTrue();
    return error;
  }

  @Test
  void aLineThatIsNotJsonGetsAParseErrorInPlainWords() throws Exception {
    try (StdioPipe pipe = initialized()) {
      JsonNode error = errorThenPing(pipe, "{\"jsonrpc\": \"2.0\", oops");
      assertThat(error.path("id").isNull()).isTrue();
      assertThat(error.at("/error/code").asInt()).isEqualTo(-32700);
      assertThat(error.at("/error/message").asText())
          .startsWith("parse error: the line is not valid JSON (")
          .doesNotContain("StreamReadFeature")
          .doesNotContain("Source:");
    }
  }

  @Test
  void jsonThatIsNotAJsonRpcMessageGetsInvalidRequestAndTheSessionGoesOn() throws Exception {
    try (StdioPipe pipe = initialized()) {
      for (String[] c :
          List.of(
              new String[] {"{\"foo\":1}", "jsonrpc: missing (expected: \"2.0\")"},
              new String[] {"{\"id\":5,\"method\":\"ping\"}", "jsonrpc: missing"},
              new String[] {
                "{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"ping\"}", "jsonrpc: \"1.0\""
              },
              new String[] {"{\"jsonrpc\":\"2.0\",\"id\":5}", "method: missing"},
              new String[] {"{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", "id: null"},
              new String[] {"{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", "id: an object"},
              new String[] {"{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":7}", "method: a number"},
              new String[] {"\"hello\"", "expected a JSON-RPC message, an object; got a string"},
              new String[] {"[]", "batches are not supported"},
              new String[] {"[" + PING + "]", "batches are not supported"})) {
        JsonNode error = errorThenPing(pipe, c[0]);
        assertThat(error.at("/error/code").asInt()).as(c[0]).isEqualTo(-32600);
        assertThat(error.at("/error/message").asText()).as(c[0]).contains(c[1]);
      }
    }
  }

  @Test
  void anErrorAboutARequestWithAReadableIdAnswersThatId() throws Exception {
    try (StdioPipe pipe = initialized()) {
      JsonNode error = errorThenPing(pipe, "{\"id\":7,\"method\":\"ping\"}");
      assertThat(error.path("id").asInt()).isEqualTo(7);
    }
  }

  @Test
  void aLineOverTheLimitIsRefusedBySizeAndTheSessionGoesOn() throws Exception {
    try (StdioPipe pipe = initialized()) {
      String huge =
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"params\":{\"x\":\""
              + "a".repeat(5 << 20)
              + "\"}}";
      JsonNode error = errorThenPing(pipe, huge);
      assertThat(error.at("/error/code").asInt()).isEqualTo(-32600);
      assertThat(error.at("/error/message").asText())
          .contains(huge.length() + " bytes (expected: at most 4194304 bytes per message)");
    }
  }

  @Test
  void pingIsAnsweredBeforeInitializeAndOtherRequestsAreToldToInitialize() throws Exception {
    try (StdioPipe pipe = pipe()) {
      pipe.send(PING).send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
      assertThat(pipe.answer(99).path("result").isObject()).isTrue();
      JsonNode early = pipe.answer(2);
      assertThat(early.at("/error/code").asInt()).isEqualTo(-32600);
      assertThat(early.at("/error/message").asText())
          .isEqualTo(
              "not initialized: send initialize first (then notifications/initialized), then"
                  + " tools/list");
    }
  }

  @Test
  void requestsAfterTheInitializeAnswerAreServedBeforeInitialized() throws Exception {
    try (StdioPipe pipe = pipe()) {
      pipe.send(initialize(1)).send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
      pipe.answer(1);
      assertThat(pipe.answer(2).at("/result/tools")).hasSize(ToolCatalog.names().size());
    }
  }

  @Test
  void initializeAnswersTheClientsVersionWhenSupportedElseTheLatest() throws Exception {
    for (String[] c :
        List.of(
            new String[] {"2024-11-05", "2024-11-05"},
            new String[] {"2025-03-26", "2025-03-26"},
            new String[] {"2025-06-18", "2025-06-18"},
            new String[] {"2025-11-25", "2025-11-25"},
            new String[] {"2099-01-01", "2025-11-25"})) {
      try (StdioPipe pipe = pipe()) {
        pipe.send(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + c[0]
                + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
        JsonNode result = pipe.answer(1).path("result");
        assertThat(result.path("protocolVersion").asText()).as(c[0]).isEqualTo(c[1]);
        assertThat(result.at("/capabilities/tools").isObject()).isTrue();
        assertThat(result.at("/capabilities/logging").isObject()).isTrue();
        assertThat(result.at("/serverInfo/name").asText()).isEqualTo("prooflane");
      }
    }
  }

  @Test
  void initializeTwiceOrWithoutAVersionIsRefused() throws Exception {
    try (StdioPipe pipe = initialized()) {
      pipe.send(initialize(2));
      assertThat(pipe.answer(2).at("/error/message").asText()).startsWith("already initialized");
    }
    try (StdioPipe pipe = pipe()) {
      pipe.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
      JsonNode error = pipe.answer(1);
      assertThat(error.at("/error/code").asInt()).isEqualTo(-32602);
      assertThat(error.at("/error/message").asText()).contains("params.protocolVersion: missing");
    }
  }

  @Test
  void anUnknownMethodIsNamed() throws Exception {
    try (StdioPipe pipe = initialized()) {
      pipe.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/list\"}");
      JsonNode error = pipe.answer(2);
      assertThat(error.at("/error/code").asInt()).isEqualTo(-32601);
      assertThat(error.at("/error/message").asText())
          .startsWith("method 'resources/list' not found (this server answers: initialize, ping,");
    }
  }

  @Test
  void anUnknownToolIsInvalidParamsNamingItAndTheKnownOnes() throws Exception {
    try (StdioPipe pipe = initialized()) {
      pipe.send(call(2, "invalid_tool_name", "{}"));
      JsonNode error = pipe.answer(2);
      assertThat(error.at("/error/code").asInt()).isEqualTo(-32602);
      assertThat(error.at("/error/message").asText())
          .startsWith(
              "invalid params: unknown tool 'invalid_tool_name' (known tools: list_services,")
          .contains("get_validation");
    }
  }

  @Test
  void argumentsThatAreNotAnObjectAreInvalidParams() throws Exception {
    try (StdioPipe pipe = initialized()) {
      int id = 10;
      for (String[] c :
          List.of(
              new String[] {"[1,2]", "an array"},
              new String[] {"\"x\"", "a string"},
              new String[] {"42", "a number (42)"},
              new String[] {"true", "true"})) {
        pipe.send(call(id, "list_sandboxes", c[0]));
        JsonNode error = pipe.answer(id++);
        assertThat(error.at("/error/code").asInt()).as(c[0]).isEqualTo(-32602);
        assertThat(error.at("/error/message").asText())
            .as(c[0])
            .startsWith("invalid params: arguments: expected an object, got " + c[1])
            .doesNotContain("Cannot deserialize");
      }
      pipe.send("{\"jsonrpc\":\"2.0\",\"id\":20,\"method\":\"tools/call\",\"params\":[1]}");
      assertThat(pipe.answer(20).at("/error/message").asText())
          .isEqualTo("invalid params: params: expected an object, got an array");
      pipe.send("{\"jsonrpc\":\"2.0\",\"id\":21,\"method\":\"tools/call\",\"params\":{}}");
      assertThat(pipe.answer(21).at("/error/message").asText())
          .startsWith("invalid params: params.name: missing (expected: a tool name: list_services");
    }
  }

  @Test
  void setLevelTakesTheLevelsOfTheProtocolOnly() throws Exception {
    try (StdioPipe pipe = initialized()) {
      pipe.send(
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"info\"}}");
      assertThat(pipe.answer(2).path("result").isObject()).isTrue();
      pipe.send(
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"loud\"}}");
      JsonNode error = pipe.answer(3);
      assertThat(error.at("/error/code").asInt()).isEqualTo(-32602);
      assertThat(error.at("/error/message").asText())
          .isEqualTo(
              "invalid params: params.level: 'loud' (expected: one of debug, info, notice,"
                  + " warning, error, critical, alert, emergency)");
    }
  }

  @Test
  void everyToolWithoutADaemonSaysHowToStartOneAndCarriesNoStructuredContent() throws Exception {
    try (StdioPipe pipe = initialized()) {
      int id = 100;
      for (String tool : ToolCatalog.names()) {
        pipe.send(call(id, tool, SampleArguments.valid(tool)));
        JsonNode result = pipe.answer(id++).path("result");
        assertThat(result.path("isError").asBoolean()).as(tool).isTrue();
        assertThat(result.at("/content/0/text").asText())
            .as(tool)
            .startsWith("no_daemon: no Prooflane daemon is running for " + stateDir)
            .contains("start it with: prooflane up -f prooflane.yaml --detach");
        assertThat(result.has("structuredContent")).as(tool).isFalse();
      }
    }
  }

  @Test
  void aSixtyKilobyteNameIsRefusedNamingTheFieldItsLengthAndTheLimit() throws Exception {
    String big = "x".repeat(60_000);
    try (StdioPipe pipe = initialized()) {
      int id = 200;
      for (String[] c :
          List.of(
              new String[] {"get_sandbox", "{\"name\":\"" + big + "\"}", "name"},
              new String[] {"describe_skill", "{\"name\":\"" + big + "\"}", "name"},
              new String[] {"get_run", "{\"id\":\"" + big + "\"}", "id"},
              new String[] {"get_logs", "{\"service\":\"" + big + "\"}", "service"},
              new String[] {"get_hops", "{\"key\":\"" + big + "\"}", "key"},
              new String[] {
                "create_sandbox",
                "{\"forks\":[{\"service\":\"a\",\"command\":\"" + big + "\"}]}",
                "forks[0].command"
              })) {
        pipe.send(call(id, c[0], c[1]));
        JsonNode result = pipe.answer(id++).path("result");
        assertThat(result.path("isError").asBoolean()).isTrue();
        assertThat(result.at("/content/0/text").asText())
            .as(c[0])
            .startsWith(
                "invalid_input: " + c[0] + ": " + c[2] + ": 60000 characters (expected: at most ")
            .doesNotContain("HTTP 414");
      }
    }
  }

  @Test
  void aCancelledCallGetsNoAnswerAndTheEndOfInputDoesNotWaitForIt() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    DaemonLocator stuck =
        () -> {
          try {
            released.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new ProoflaneException("released");
        };
    StdioPipe pipe = new StdioPipe(stuck);
    try {
      pipe.send(initialize(1)).send(INITIALIZED).send(call(2, "list_sandboxes", "{}"));
      pipe.answer(1);
      pipe.send(
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":2,"
              + "\"reason\":\"the user gave up\"}}");
      pipe.send(PING);
      pipe.answer(99);
      pipe.closeInput();
      assertThat(pipe.ended(Duration.ofSeconds(10))).isTrue();
      released.countDown();
      assertThat(pipe.rest()).noneMatch(m -> m.path("id").asInt() == 2);
    } finally {
      released.countDown();
      pipe.close();
    }
  }

  @Test
  void theEndOfInputWaitsForACallUnderWayAndItsAnswer() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    DaemonLocator slow =
        () -> {
          try {
            released.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new ProoflaneException("the daemon went away");
        };
    try (StdioPipe pipe = new StdioPipe(slow)) {
      pipe.send(initialize(1)).send(INITIALIZED).send(call(2, "list_sandboxes", "{}"));
      pipe.answer(1);
      pipe.closeInput();
      assertThat(pipe.ended(Duration.ofMillis(500))).as("still answering").isFalse();
      released.countDown();
      assertThat(pipe.answer(2).at("/result/content/0/text").asText())
          .isEqualTo("no_daemon: the daemon went away");
      assertThat(pipe.ended(Duration.ofSeconds(10))).isTrue();
    }
  }
}
