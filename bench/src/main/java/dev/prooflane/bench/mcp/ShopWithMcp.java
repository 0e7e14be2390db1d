package dev.prooflane.bench.mcp;

import dev.prooflane.mcp.McpHttpExtension;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.Daemon;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The demo shop's daemon with the MCP endpoint, as the MCP benchmarks run it. */
final class ShopWithMcp {
  private ShopWithMcp() {}

  /** Starts the shop of the checkout {@code root}, with its state under {@code stateDir}. */
  static Daemon start(Path root, Path stateDir) {
    return start(root, stateDir, Optional.empty());
  }

  /** As {@link #start(Path, Path)}, with the runs governed by {@code policy} (or the default). */
  static Daemon start(Path root, Path stateDir, Optional<Path> policy) {
    return Daemon.start(
        EnvironmentReader.read(root.resolve("examples/shop/prooflane.yaml")),
        stateDir,
        "127.0.0.1",
        0,
        policy,
        line -> {},
        List.of(new McpHttpExtension()));
  }
}
