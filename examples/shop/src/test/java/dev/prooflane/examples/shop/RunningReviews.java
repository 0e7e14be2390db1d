package dev.prooflane.examples.shop;

import dev.prooflane.examples.shop.http.JsonServer;
import dev.prooflane.examples.shop.http.ServiceEnv;
import dev.prooflane.examples.shop.reviews.ReviewsService;
import dev.prooflane.examples.shop.reviews.ReviewsVariant;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reviews instances in this JVM on free loopback ports, all writing to one captured console; a
 * test's {@code @RegisterExtension} field, so they stop after each test.
 */
final class RunningReviews implements AfterEachCallback {
  final CapturedConsole log = new CapturedConsole();
  private final List<JsonServer> servers = new ArrayList<>();

  /**
   * Starts {@code variant} as instance {@code sandbox} ({@code baseline}, or a sandbox's name as
   * Prooflane gives it in {@code PROOFLANE_SANDBOX}) on the database at {@code jdbcUrl}.
   */
  URI start(ReviewsVariant variant, String jdbcUrl, String sandbox) throws IOException {
    ServiceEnv env =
        ServiceEnv.of(
            "reviews",
            "baseline".equals(sandbox)
                ? Map.of("DATABASE_URL", jdbcUrl)
                : Map.of("DATABASE_URL", jdbcUrl, ServiceEnv.SANDBOX, sandbox));
    JsonServer server = ReviewsService.start(variant, env, 0, log.console);
    servers.add(server);
    return URI.create(server.address());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    servers.forEach(JsonServer::close);
    servers.clear();
  }
}
