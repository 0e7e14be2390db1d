package dev.prooflane.ui;

import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.auth.AdminTokenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A real daemon running the demo shop's synchronous services, with the dashboard at /ui. */
final class ShopDaemon implements AutoCloseable {
  static final Path SHOP =
      Path.of("../examples/shop/prooflane-sync.yaml").toAbsolutePath().normalize();

  /** Room for the sandboxes of the page-load figure. */
  static final Path POLICY = Path.of("src/test/resources/dashboard-policy.yaml").toAbsolutePath();

  final Daemon daemon;

  /** {@code http://127.0.0.1:PORT}, where {@code /ui} and {@code /api/v1} are. */
  final String base;

  /** The admin token. */
  final String token;

  ShopDaemon() throws Exception {
    Path stateDir = Files.createTempDirectory("prooflane-ui-it");
    daemon =
        Daemon.start(
            EnvironmentReader.read(SHOP),
            stateDir,
            "127.0.0.1",
            0,
            Optional.of(POLICY),
            line -> {},
            List.of(new UiExtension()));
    base = daemon.info().apiUrl().replace("/api/v1", "");
    token = AdminTokenFile.read(stateDir).orElseThrow();
  }

  @Override
  public void close() {
    daemon.close();
  }
}
