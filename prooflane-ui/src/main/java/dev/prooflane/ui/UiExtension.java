package dev.prooflane.ui;

import dev.prooflane.server.api.ApiExtension;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.function.Supplier;

/**
 * Serves the dashboard's files at {@code /ui/} on the daemon's API port. The files are public (the
 * page holds no secret), so they are served before the API's guard asks for a token; the page then
 * calls the API with the session cookie that the one-time login link set, under the guard's rules.
 */
public final class UiExtension implements ApiExtension {
  /** Where the dashboard is. */
  public static final String PATH = "/ui";

  /** The classpath folder of the dashboard's files. */
  static final String WEBROOT = "dev/prooflane/ui/static";

  /**
   * Only the daemon's own scripts, styles and connections; no inline script or style (the files
   * have none), no framing.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
          + " connect-src 'self'; frame-ancestors 'none'";

  @Override
  public void installBeforeGuard(Router router, String bindHost) {
    router.get(PATH).handler(UiExtension::toFolder);
    router.head(PATH).handler(UiExtension::toFolder);
    router.route(PATH + "/*").handler(UiExtension::securityHeaders);
    // Not cached by the browser: a daemon of another version serves other files under the same
    // names, and on loopback the few kilobytes cost nothing.
    router
        .route(PATH + "/*")
        .handler(StaticHandler.create(WEBROOT).setCachingEnabled(false).setIndexPage("index.html"));
  }

  @Override
  public void install(Router router, Supplier<String> apiUrl) {
    // everything is installed before the guard
  }

  private static void toFolder(RoutingContext ctx) {
    if (!ctx.request().path().equals(PATH)) {
      ctx.next(); // Vert.x matches "/ui/" too: that one is the folder
      return;
    }
    ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, PATH + "/").end();
  }

  private static void securityHeaders(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    ctx.next();
  }
}
