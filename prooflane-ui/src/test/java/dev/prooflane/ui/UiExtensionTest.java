package dev.prooflane.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's files as the extension serves them, on a real HTTP server whose last route stands
 * for the API's guard (every request it sees is refused 401).
 */
class UiExtensionTest {
  private static Vertx vertx;
  private static String base;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void serve() throws Exception {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    UiExtension ui = new UiExtension();
    ui.installBeforeGuard(router, "127.0.0.1");
    router.route().handler(ctx -> ctx.response().setStatusCode(401).end("guard"));
    ui.install(router, () -> "unused");
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void redirectsTheBarePathToTheFolder() throws Exception {
    HttpResponse<String> response = get("/ui");
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("/ui/");
  }

  @Test
  void servesTheIndexWithoutATokenAndWithTheSecurityHeaders() throws Exception {
    HttpResponse<String> response = get("/ui/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(response.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .hasValue(UiExtension.CONTENT_SECURITY_POLICY);
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  @Test
  void servesModulesAsJavaScriptAndStylesAsCss() throws Exception {
    HttpResponse<String> app = get("/ui/app.js");
    assertThat(app.statusCode()).isEqualTo(200);
    assertThat(app.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
    HttpResponse<String> page = get("/ui/pages/flow.js");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/hops/stream");
    HttpResponse<String> css = get("/ui/style.css");
    assertThat(css.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
  }

  @Test
  void leavesOtherPathsToTheRoutesAfterIt() throws Exception {
    assertThat(get("/ui/login?code=x").body()).isEqualTo("guard");
    assertThat(get("/ui/no-such-file.js").body()).isEqualTo("guard");
    assertThat(get("/api/v1/status").body()).isEqualTo("guard");
  }

  @Test
  void neverServesAPathOutsideItsFolder() throws Exception {
    assertThat(get("/ui/../dev/prooflane/ui/UiExtension.class").body()).isEqualTo("guard");
    assertThat(get("/ui/%2e%2e/%2e%2e/UiExtension.class").statusCode()).isNotEqualTo(200);
  }
}
