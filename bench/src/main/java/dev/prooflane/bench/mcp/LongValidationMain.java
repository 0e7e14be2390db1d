package dev.prooflane.bench.mcp;

import dev.prooflane.mcp.McpHttpExtension;
import dev.prooflane.mcp.McpMain;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.api.ApiPath;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the demo shop's daemon with the MCP endpoint and runs bench/mcp-long-validation.mjs (the
 * official TypeScript client) against it: one validation longer than 60 s per transport, with a 60
 * s request timeout. Prints what the client prints; exits with its status. The slow skill takes two
 * steps a tick, more than the default policy's 100 steps per run allow for 66 ticks, so the daemon
 * runs with a policy that allows 1000 (written next to the state folder).
 *
 * <p>Usage: java -cp CLASSPATH dev.prooflane.bench.mcp.LongValidationMain ROOT STATE_DIR. Env:
 * {@code TICKS} (66), {@code TRANSPORTS} (http,stdio).
 */
public final class LongValidationMain {
  private LongValidationMain() {}

  /** Runs the client; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]).toAbsolutePath();
    Path stateDir = Path.of(args[1]).toAbsolutePath();
    Files.createDirectories(stateDir.getParent());
    Path policy =
        Files.writeString(
            stateDir.resolveSibling("long-validation-policy.yaml"),
            "limits:\n  stepsPerRun: 1000\n");
    Daemon daemon = ShopWithMcp.start(root, stateDir, Optional.of(policy));
    int status;
    try {
      ProcessBuilder node =
          new ProcessBuilder("node", root.resolve("bench/mcp-long-validation.mjs").toString())
              .inheritIO();
      Map<String, String> env = node.environment();
      env.put(
          "PROOFLANE_NODE_MODULES",
          root.resolve("prooflane-mcp/src/test/node/node_modules").toString());
      env.put(
          "PROOFLANE_MCP_URL",
          daemon.info().apiUrl().replace(ApiPath.BASE, "") + McpHttpExtension.PATH);
      env.put("PROOFLANE_TOKEN", AdminTokenFile.read(stateDir).orElseThrow());
      env.put(
          "PROOFLANE_MCP_COMMAND",
          Json.write(
              List.of(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-cp",
                  System.getProperty("java.class.path"),
                  McpMain.class.getName(),
                  "--state-dir",
                  stateDir.toString())));
      env.put(
          "PROOFLANE_SLOW_SKILLS",
          root.resolve("prooflane-mcp/src/test/resources/slow-skills").toString());
      env.put(
          "PROOFLANE_DISCOUNT",
          "java -cp ${artifact} dev.prooflane.examples.shop.pricing.PricingDiscountMain");
      status = node.start().waitFor();
    } finally {
      daemon.close();
    }
    System.exit(status);
  }
}
