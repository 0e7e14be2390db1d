package dev.prooflane.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.server.NodeSuite;
import dev.prooflane.server.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the suite of src/test/node with the official TypeScript MCP client (npm
 * {@code @modelcontextprotocol/sdk}, installed by the build from package-lock.json) against both
 * transports of a real daemon running the demo shop: every tool, every error kind, the protocol's
 * edges, progress, cancellation, and a validation longer than the client's request timeout.
 */
class McpClientsIT {
  private static final Path SUITE = Path.of("src/test/node").toAbsolutePath();
  @RegisterExtension static final ShopExtension SHOP = new ShopExtension();

  private static ShopDaemon shop() {
    return SHOP.shop();
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void theTypeScriptClientSuitePassesOverStdioAndHttp() throws Exception {
    assertThat(SUITE.resolve("node_modules/@modelcontextprotocol/sdk"))
        .as("installed by the build (node tools/ensure-npm-deps.mjs for " + SUITE + ")")
        .isDirectory();
    Path empty = Files.createTempDirectory("prooflane-no-daemon");
    Path log = Path.of("target/mcp-typescript-client.log").toAbsolutePath();
    List<String> summary =
        NodeSuite.passes(
            SUITE,
            log,
            Map.of(
                "PROOFLANE_MCP_URL", shop().base + McpHttpExtension.PATH,
                "PROOFLANE_API_URL", shop().daemon.info().apiUrl(),
                "PROOFLANE_TOKEN", shop().token,
                "PROOFLANE_MCP_COMMAND", Json.write(ShopDaemon.stdioCommand(shop().stateDir)),
                "PROOFLANE_EMPTY_STATE", empty.toString(),
                "PROOFLANE_SLOW_SKILLS", ShopDaemon.SLOW_SKILLS.toString(),
                "PROOFLANE_DISCOUNT", ShopDaemon.DISCOUNT));
    assertThat(summary.stream().filter(l -> l.startsWith("ℹ pass ")).findFirst())
        .hasValueSatisfying(l -> assertThat(Integer.parseInt(l.substring(7))).isGreaterThan(20));
  }
}
