package dev.prooflane.mcp;

import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.auth.AdminTokenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real daemon running the demo shop, with the MCP endpoint, for the tests of one class. */
final class ShopDaemon implements AutoCloseable {
  static final Path SHOP =
      Path.of("../examples/shop/prooflane-sync.yaml").toAbsolutePath().normalize();

  /** The fork of pricing that changes prices and keeps the contract. */
  static final String DISCOUNT =
      "java -cp ${artifact} dev.prooflane.examples.shop.pricing.PricingDiscountMain";

  /** The folder of the slow skills (slow-contract, slow-tick) of the long-call tests. */
  static final Path SLOW_SKILLS = Path.of("src/test/resources/slow-skills").toAbsolutePath();

  final Path stateDir;
  final Daemon daemon;

  /** {@code http://127.0.0.1:PORT}, where {@code /mcp} is. */
  final String base;

  /** The admin token. */
  final String token;

  ShopDaemon() throws Exception {
    stateDir = Files.createTempDirectory("prooflane-mcp-it");
    daemon =
        Daemon.start(
            EnvironmentReader.read(SHOP),
            stateDir,
            "127.0.0.1",
            0,
            line -> {},
            List.of(new McpHttpExtension()));
    base = daemon.info().apiUrl().replace("/api/v1", "");
    token = AdminTokenFile.read(stateDir).orElseThrow();
  }

  /** The command that starts the stdio server for {@code stateDir}, as an agent host would. */
  static List<String> stdioCommand(Path stateDir) {
    return List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        McpMain.class.getName(),
        "--state-dir",
        stateDir.toString());
  }

  @Override
  public void close() {
    daemon.close();
  }
}
