package dev.prooflane.bench.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.bench.Series;
import dev.prooflane.bench.Sizes;
import dev.prooflane.mcp.McpHttpExtension;
import dev.prooflane.mcp.McpMain;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.api.ApiPath;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.Json;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the MCP server against a daemon running the demo shop in-process: the latency of three
 * read tools over Streamable HTTP (on the daemon) and stdio ({@code McpMain} as a child process),
 * p50/p95/p99 per tool and per transport, the REST call each of them makes, and the wall time of
 * {@code validate} (fork pricing, run product-contract). Prints one line per figure.
 *
 * <p>Usage: java -cp CLASSPATH dev.prooflane.bench.mcp.McpLatencyMain ROOT STATE_DIR. Sizes from
 * the environment: {@code CALLS} (100 measured calls of each tool), {@code WARMUP_CALLS} (20),
 * {@code VALIDATES} (3).
 */
public final class McpLatencyMain {
  private static final int CALLS = Sizes.fromEnv("CALLS", 100);
  private static final int WARMUP_CALLS = Sizes.fromEnv("WARMUP_CALLS", 20);
  private static final int VALIDATES = Sizes.fromEnv("VALIDATES", 3);
  private static final String VALIDATE_DISCOUNT =
      "{\"forks\":[{\"service\":\"pricing\",\"command\":\"java -cp ${artifact}"
          + " dev.prooflane.examples.shop.pricing.PricingDiscountMain\"}],"
          + "\"skills\":[\"product-contract\"]}";

  private McpLatencyMain() {}

  /** Runs the measurements; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path stateDir = Path.of(args[1]);
    Daemon daemon = ShopWithMcp.start(root, stateDir);
    String token = AdminTokenFile.read(stateDir).orElseThrow();
    try (McpSyncClient http = httpClient(daemon, token);
        McpSyncClient stdio = stdioClient(stateDir)) {
      http.initialize();
      stdio.initialize();
      measure(http, stdio, new DaemonClient(daemon.info().apiUrl(), token));
    } finally {
      daemon.close();
    }
  }

  private static void measure(McpSyncClient http, McpSyncClient stdio, DaemonClient rest)
      throws Exception {
    call(http, "create_sandbox", "{\"name\":\"bench\",\"forks\":[{\"service\":\"pricing\"}]}");
    for (String transport : List.of("http", "stdio")) {
      McpSyncClient client = "http".equals(transport) ? http : stdio;
      Series all = new Series();
      for (String tool : List.of("list_sandboxes", "get_sandbox", "list_skills")) {
        Map<String, Object> args = "get_sandbox".equals(tool) ? Map.of("name", "bench") : Map.of();
        Series millis = toolLatency(client, tool, args, all);
        System.out.printf(
            "%-6s %-15s n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms%n",
            transport, tool, millis.size(), millis.p(50), millis.p(95), millis.p(99), millis.max());
      }
      System.out.printf(
          "%-6s %-15s n=%d p50=%.2f ms p95=%.2f ms (the three tools together)%n",
          transport, "all", all.size(), all.p(50), all.p(95));
    }
    Map<String, Runnable> calls = new LinkedHashMap<>();
    calls.put(ApiPath.SANDBOXES.with(), rest::sandboxes);
    calls.put(ApiPath.SANDBOX.with("bench"), () -> rest.sandbox("bench"));
    calls.put(ApiPath.SKILLS.with(), rest::skills);
    for (Map.Entry<String, Runnable> call : calls.entrySet()) {
      String path = call.getKey();
      Series millis = new Series();
      for (int i = 0; i < CALLS; i++) {
        long t = System.nanoTime();
        call.getValue().run();
        millis.add((System.nanoTime() - t) / 1e6);
      }
      System.out.printf(
          "rest   GET %-16s n=%d p50=%.2f ms p99=%.2f ms (the REST call each tool makes)%n",
          path, millis.size(), millis.p(50), millis.p(99));
    }
    call(http, "delete_sandbox", "{\"name\":\"bench\"}");
    for (int i = 0; i < VALIDATES; i++) {
      long t = System.nanoTime();
      JsonNode v = call(http, "validate", VALIDATE_DISCOUNT);
      long ms = (System.nanoTime() - t) / 1_000_000;
      System.out.printf(
          "http   validate (fork pricing + product-contract) wall=%d ms (sandbox ready in %d ms)"
              + " verdict %s%n",
          ms, v.path("readyMillis").asLong(), v.path("verdict").asText());
    }
  }

  /**
   * {@link #CALLS} calls of {@code tool} after {@link #WARMUP_CALLS}, in milliseconds, each also
   * added to {@code all}.
   */
  private static Series toolLatency(
      McpSyncClient client, String tool, Map<String, Object> args, Series all) {
    McpSchema.CallToolRequest request =
        McpSchema.CallToolRequest.builder(tool).arguments(args).build();
    for (int i = 0; i < WARMUP_CALLS; i++) {
      client.callTool(request);
    }
    Series millis = new Series();
    for (int i = 0; i < CALLS; i++) {
      long t = System.nanoTime();
      McpSchema.CallToolResult r = client.callTool(request);
      double ms = (System.nanoTime() - t) / 1e6;
      millis.add(ms);
      all.add(ms);
      if (Boolean.TRUE.equals(r.isError())) {
        throw new IllegalStateException(tool + ": " + text(r));
      }
    }
    return millis;
  }

  /** Calls {@code tool}; its structured content, or an exception with its text if it failed. */
  private static JsonNode call(McpSyncClient client, String tool, String argumentsJson)
      throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> args = Json.mapper().readValue(argumentsJson, Map.class);
    McpSchema.CallToolResult r =
        client.callTool(McpSchema.CallToolRequest.builder(tool).arguments(args).build());
    if (Boolean.TRUE.equals(r.isError())) {
      throw new IllegalStateException(tool + ": " + text(r));
    }
    return Json.mapper().valueToTree(r.structuredContent());
  }

  private static String text(McpSchema.CallToolResult r) {
    return r.content().isEmpty() ? "" : ((McpSchema.TextContent) r.content().get(0)).text();
  }

  private static McpSyncClient stdioClient(Path stateDir) {
    ServerParameters params =
        ServerParameters.builder(ProcessHandle.current().info().command().orElse("java"))
            .args(
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                McpMain.class.getName(),
                "--state-dir",
                stateDir.toString())
            .build();
    StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper());
    transport.setStdErrorHandler(line -> {});
    return McpClient.sync(transport).requestTimeout(Duration.ofMinutes(3)).build();
  }

  private static McpSyncClient httpClient(Daemon daemon, String token) {
    String base = daemon.info().apiUrl().replace(ApiPath.BASE, "");
    return McpClient.sync(
            HttpClientStreamableHttpTransport.builder(base)
                .endpoint(McpHttpExtension.PATH)
                .addHttpRequestCustomizer(
                    (request, method, uri, body, context) ->
                        request.header("Authorization", "Bearer " + token))
                .build())
        .requestTimeout(Duration.ofMinutes(3))
        .build();
  }
}
