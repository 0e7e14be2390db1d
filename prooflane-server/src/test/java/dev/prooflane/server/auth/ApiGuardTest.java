package dev.prooflane.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.local.StateFolder;
import dev.prooflane.server.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiGuardTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private TokenStore tokens;
  private Vertx vertx;
  private String base;

  @BeforeEach
  void start() throws Exception {
    tokens = TokenStore.open(StateFolder.of(dir));
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    ApiGuard guard =
        new ApiGuard(tokens, new BrowserSessions(tokens), "127.0.0.1", Set.of("/open"));
    router
        .route("/judged/*")
        .handler(
            ctx -> {
              ApiGuard.originChecked(ctx);
              ctx.next();
            });
    router.route().handler(guard::authenticate);
    router
        .get("/judged/read")
        .handler(guard.require(Scope.SANDBOX_READ))
        .handler(ctx -> ctx.end("read"));
    router.get("/open").handler(ctx -> ctx.end("open"));
    router.get("/read").handler(guard.require(Scope.SANDBOX_READ)).handler(ctx -> ctx.end("read"));
    router
        .post("/write")
        .handler(guard.require(Scope.SANDBOX_WRITE))
        .handler(ctx -> ctx.end("written"));
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

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    tokens.close();
  }

  private HttpResponse<String> send(String method, String path, String token, String origin)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersAMissingOrUnknownToken401WithAJsonErrorAndAChallenge() throws Exception {
    for (String token : new String[] {null, "pl_unknown", "garbage"}) {
      HttpResponse<String> r = send("GET", "/read", token, null);
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"prooflane\"");
      assertThat(Json.mapper().readTree(r.body()).path("error").asText()).isEqualTo("unauthorized");
    }
    assertThat(send("GET", "/open", null, null).body()).isEqualTo("open");
  }

  @Test
  void discoveryDocumentsNeedNoTokenSoThatTheyAnswer404() throws Exception {
    for (String path :
        new String[] {
          "/.well-known/oauth-protected-resource",
          "/.well-known/oauth-protected-resource/mcp",
          "/.well-known/oauth-authorization-server",
          "/.well-known/oauth-authorization-server/mcp",
          "/.well-known/openid-configuration",
          "/mcp/.well-known/openid-configuration"
        }) {
      HttpResponse<String> r = send("GET", path, null, null);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();
    }
  }

  @Test
  void anOriginJudgedBeforeTheGuardIsLeftToTheHandlerThatJudgedIt() throws Exception {
    String reader = tokens.create("reader", EnumSet.of(Scope.SANDBOX_READ)).secret();
    assertThat(send("GET", "/read", reader, "http://localhost:6274").statusCode()).isEqualTo(403);
    assertThat(send("GET", "/judged/read", reader, "http://localhost:6274").body())
        .isEqualTo("read");
  }

  @Test
  void aReadTokenReadsButCannotWrite() throws Exception {
    String reader = tokens.create("reader", EnumSet.of(Scope.SANDBOX_READ)).secret();
    assertThat(send("GET", "/read", reader, null).body()).isEqualTo("read");
    HttpResponse<String> write = send("POST", "/write", reader, null);
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(Json.mapper().readTree(write.body()).path("error").asText()).isEqualTo("forbidden");
    assertThat(write.body()).contains("needs scope sandbox:write");
    String admin = tokens.create("admin", EnumSet.of(Scope.POLICY_ADMIN)).secret();
    assertThat(send("POST", "/write", admin, null).body()).isEqualTo("written");
  }

  @Test
  void aRevokedTokenIsAnswered401() throws Exception {
    TokenStore.Issued issued = tokens.create("ci", EnumSet.of(Scope.SANDBOX_READ));
    assertThat(send("GET", "/read", issued.secret(), null).statusCode()).isEqualTo(200);
    tokens.revoke(issued.token().id());
    assertThat(send("GET", "/read", issued.secret(), null).statusCode()).isEqualTo(401);
  }

  @Test
  void refusesForeignOriginsWithoutCorsHeadersAndServesItsOwn() throws Exception {
    String admin = tokens.create("admin", EnumSet.of(Scope.POLICY_ADMIN)).secret();
    for (String origin :
        new String[] {
          "https://evil.example", "http://127.0.0.1:1", "null", "http://localhost.evil"
        }) {
      HttpResponse<String> r = send("GET", "/read", admin, origin);
      assertThat(r.statusCode()).as(origin).isEqualTo(403);
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
    HttpResponse<String> preflight = send("OPTIONS", "/write", null, "https://evil.example");
    assertThat(preflight.statusCode()).isEqualTo(403);
    assertThat(preflight.headers().map().keySet()).noneMatch(h -> h.startsWith("access-control"));
    assertThat(send("GET", "/read", admin, base).statusCode()).isEqualTo(200);
  }
}
