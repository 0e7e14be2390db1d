package dev.prooflane.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.NodeSuite;
import dev.prooflane.server.client.DaemonClient;
import dev.prooflane.server.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the browser suite of src/test/node (playwright-core driving Debian's headless Chromium,
 * installed by the build from package-lock.json) against a real daemon running the demo shop, and
 * prints the figures it measured: hop to page (p50/p99) and the sandboxes page's load time.
 *
 * <p>{@code -Ddashboard.sandboxes=N} sets how many sandboxes the load figure is measured with
 * (default {@value #SANDBOXES}); {@code -Ddashboard.screenshot=true} copies the request-flow
 * screenshot to docs/images/request-flow.png (the README's).
 */
class DashboardBrowserIT {
  private static final Path SUITE = Path.of("src/test/node").toAbsolutePath();
  private static final Path OUT = Path.of("target/dashboard").toAbsolutePath();
  private static final Path README_IMAGE = Path.of("../docs/images/request-flow.png");
  private static final int SANDBOXES = 200;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void theDashboardPassesItsBrowserSuite() throws Exception {
    assertThat(SUITE.resolve("node_modules/playwright-core"))
        .as("installed by the build (node tools/ensure-npm-deps.mjs for " + SUITE + ")")
        .isDirectory();
    String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    assertThat(Path.of(chromium))
        .as("Debian's Chromium (apt-get install -y chromium), or CHROMIUM naming another")
        .isExecutable();
    try (ShopDaemon shop = new ShopDaemon()) {
      String login = new DaemonClient(shop.daemon.info().apiUrl(), shop.token).loginLink();
      assertThat(login).startsWith(shop.base + "/ui/login?code=");
      Files.createDirectories(OUT);
      Files.deleteIfExists(OUT.resolve("figures.json"));
      NodeSuite.passes(
          SUITE,
          OUT.resolve("browser-suite.log"),
          Map.of(
              "PROOFLANE_BASE",
              shop.base,
              "PROOFLANE_TOKEN",
              shop.token,
              "PROOFLANE_LOGIN_URL",
              login,
              "PROOFLANE_OUT",
              OUT.toString(),
              "CHROMIUM",
              chromium,
              "PROOFLANE_SANDBOXES",
              System.getProperty("dashboard.sandboxes", "" + SANDBOXES)));
    }
    JsonNode figures = Json.mapper().readTree(OUT.resolve("figures.json").toFile());
    System.out.println("dashboard figures: " + figures.toPrettyString());
    // figures, not bounds: a slow machine makes them larger and must not fail the build
    assertThat(figures.has("hopToPageMs")).as(figures.toString()).isTrue();
    assertThat(figures.has("sandboxesPageLoadMs")).as(figures.toString()).isTrue();
    if (Boolean.getBoolean("dashboard.screenshot")) {
      Files.copy(
          OUT.resolve("request-flow.png"), README_IMAGE, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
