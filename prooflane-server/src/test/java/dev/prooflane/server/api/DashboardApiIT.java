package dev.prooflane.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.server.ApiCalls;
import dev.prooflane.server.Daemon;
import dev.prooflane.server.EchoEnvironment;
import dev.prooflane.server.auth.AdminTokenFile;
import dev.prooflane.server.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the dashboard reads and how it logs in, against a real daemon through a real HTTP client:
 * one-time login links, the session cookie and its Origin rule, the live hop and log streams, the
 * call graph, the audit log and the filtered sandbox list.
 */
class DashboardApiIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path dir;
  private static Daemon daemon;
  private static ApiCalls api;
  private static String origin;
  private static String admin;
  private static final List<CompletableFuture<?>> streams = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path state = dir.resolve("state");
    daemon = Daemon.start(EchoEnvironment.single(dir), state, "127.0.0.1", 0, line -> {});
    api = new ApiCalls(daemon.info().apiUrl());
    origin = daemon.info().apiUrl().replace(ApiPath.BASE, "");
    admin = AdminTokenFile.read(state).orElseThrow();
  }

  @AfterAll
  static void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  @AfterEach
  void cleanUp() throws Exception {
    streams.forEach(s -> s.cancel(true));
    streams.clear();
    for (JsonNode s : json(api.send("GET", "/sandboxes", admin, null)).path("sandboxes")) {
      api.send("DELETE", "/sandboxes/" + s.path("name").asText(), admin, null);
    }
  }

  @Test
  void aLoginLinkOpensOneSessionWhoseCookieStandsForTheToken() throws Exception {
    HttpResponse<String> link = api.send("POST", "/login-links", admin, null);
    assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
    String url = json(link).path("url").asText();
    assertThat(url).startsWith(origin + "/ui/login?code=");

    HttpResponse<String> login = get(url, null);
    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(login.headers().firstValue("Location")).hasValue("/ui/");
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("prooflane_session=");
    assertThat(setCookie.toLowerCase()).contains("; httponly").contains("; samesite=strict");

    HttpResponse<String> again = get(url, null);
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.body()).contains("prooflane ui");

    String cookie = cookie(setCookie);
    HttpResponse<String> whoami = get(origin + "/api/v1/whoami", cookie);
    assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
    assertThat(json(whoami).path("name").asText()).isEqualTo("admin");
    assertThat(json(whoami).has("token")).isFalse();
  }

  @Test
  void aChangeMadeWithTheCookieNeedsTheDaemonsOriginAndTheTokensScope() throws Exception {
    String writer = session(token("writer", "[\"sandbox:read\", \"sandbox:write\"]"));
    String body = "{\"name\": \"ui-1\", \"forks\": [{\"service\": \"a\"}]}";

    HttpResponse<String> noOrigin = send("POST", "/sandboxes", writer, null, body);
    assertThat(noOrigin.statusCode()).isEqualTo(403);
    assertThat(json(noOrigin).path("message").asText()).contains("Origin header");

    HttpResponse<String> foreign = send("POST", "/sandboxes", writer, "http://evil.example", body);
    assertThat(foreign.statusCode()).isEqualTo(403);

    HttpResponse<String> created = send("POST", "/sandboxes", writer, origin, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(send("DELETE", "/sandboxes/ui-1", writer, origin, null).statusCode()).isEqualTo(200);

    String reader = session(token("reader", "[\"sandbox:read\"]"));
    HttpResponse<String> refused = send("POST", "/sandboxes", reader, origin, body);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(json(refused).path("message").asText()).contains("needs scope sandbox:write");
    assertThat(get(origin + "/api/v1/sandboxes", reader).statusCode()).isEqualTo(200);
  }

  @Test
  void revokingTheTokenOrLoggingOutEndsTheSession() throws Exception {
    HttpResponse<String> made =
        api.send("POST", "/tokens", admin, "{\"name\": \"short\", \"scopes\": [\"sandbox:read\"]}");
    String id = json(made).path("id").asText();
    String revoked = session(json(made).path("token").asText());
    assertThat(get(origin + "/api/v1/status", revoked).statusCode()).isEqualTo(200);
    assertThat(api.send("DELETE", "/tokens/" + id, admin, null).statusCode()).isEqualTo(200);
    HttpResponse<String> after = get(origin + "/api/v1/status", revoked);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(json(after).path("message").asText()).contains("prooflane ui");

    String out = session(admin);
    assertThat(send("POST", origin + "/ui/logout", out, origin, null).statusCode()).isEqualTo(204);
    assertThat(get(origin + "/api/v1/status", out).statusCode()).isEqualTo(401);
  }

  @Test
  void theHopStreamSendsTheSandboxsHopsAsTheyHappenAndResumesAfterTheLastId() throws Exception {
    JsonNode sandbox = createSandbox("flow-1");
    String key = sandbox.path("routingKey").asText();
    BlockingQueue<String> lines = stream("/hops/stream?sandbox=flow-1", null);
    awaitLine(lines, ": open");

    assertThat(routed(null).statusCode()).isEqualTo(200); // unkeyed: not this sandbox's
    assertThat(routed(key).statusCode()).isEqualTo(200);

    String id = awaitLine(lines, "id: ");
    assertThat(awaitLine(lines, "event: ")).isEqualTo("event: hop");
    JsonNode hop = Json.mapper().readTree(awaitLine(lines, "data: ").substring(6));
    assertThat(hop.path("routingKey").asText()).isEqualTo(key);
    assertThat(hop.path("destination").asText()).isEqualTo("flow-1");
    assertThat(hop.path("service").asText()).isEqualTo("a");
    long seq = Long.parseLong(id.substring(4));
    assertThat(hop.path("seq").asLong()).isEqualTo(seq);

    BlockingQueue<String> resumed = stream("/hops/stream?key=" + key, "" + (seq - 1));
    assertThat(awaitLine(resumed, "id: ")).isEqualTo("id: " + seq);

    BlockingQueue<String> backlog = stream("/hops/stream?service=a&backlog=2", null);
    List<String> ids = List.of(awaitLine(backlog, "id: "), awaitLine(backlog, "id: "));
    assertThat(ids).last().isEqualTo("id: " + seq);

    HttpResponse<String> unknown = api.send("GET", "/hops/stream?service=nope", admin, null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    // an unknown sandbox: the same answer as asking for it, naming the sandboxes there are
    HttpResponse<String> noSandbox = api.send("GET", "/hops/stream?sandbox=nope", admin, null);
    HttpResponse<String> asked = api.send("GET", "/sandboxes/nope", admin, null);
    assertThat(noSandbox.statusCode()).isEqualTo(404);
    assertThat(json(noSandbox)).isEqualTo(json(asked));
    assertThat(json(noSandbox).path("message").asText()).contains("flow-1");
    JsonNode listed = json(api.send("GET", "/hops?sandbox=flow-1", admin, null));
    assertThat(listed.path("key").asText()).isEqualTo(key);
    assertThat(listed.path("hops").findValuesAsText("seq")).contains("" + seq);
    assertThat(json(api.send("GET", "/hops?sandbox=nope", admin, null))).isEqualTo(json(asked));
    HttpResponse<String> bad = api.send("GET", "/hops/stream?backlog=5000", admin, null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).path("message").asText()).contains("backlog: 5000");
  }

  @Test
  void theLogStreamTailsAServiceAndTheGraphAuditAndFiltersAnswer() throws Exception {
    BlockingQueue<String> logs = stream("/services/a/logs/stream?tail=5", null);
    assertThat(awaitLine(logs, "event: ")).isEqualTo("event: line");
    assertThat(awaitLine(logs, "data: ")).contains("listening on");

    createSandbox("filter-one");
    createSandbox("filter-two");
    assertThat(routed(null).statusCode()).isEqualTo(200);

    JsonNode graph = json(api.send("GET", "/graph", admin, null));
    assertThat(graph.path("edges").findValuesAsText("from")).contains("client");
    assertThat(graph.path("nodes").findValuesAsText("service")).contains("a", "client");

    JsonNode audit = json(api.send("GET", "/audit?event=sandbox.&limit=1", admin, null));
    assertThat(audit.path("records")).hasSize(1);
    assertThat(audit.path("records").get(0).path("event").asText()).isEqualTo("sandbox.created");
    assertThat(audit.path("matched").asLong()).isGreaterThanOrEqualTo(2);

    JsonNode two = json(api.send("GET", "/sandboxes?q=FILTER-T", admin, null));
    assertThat(two.path("matched").asInt()).isEqualTo(1);
    assertThat(two.path("total").asInt()).isEqualTo(2);
    assertThat(two.path("sandboxes").get(0).path("name").asText()).isEqualTo("filter-two");
    JsonNode paged = json(api.send("GET", "/sandboxes?limit=1&offset=1&phase=ready", admin, null));
    assertThat(paged.path("sandboxes")).hasSize(1);
    assertThat(paged.path("matched").asInt()).isEqualTo(2);
    HttpResponse<String> badPhase = api.send("GET", "/sandboxes?phase=green", admin, null);
    assertThat(badPhase.statusCode()).isEqualTo(400);
    assertThat(json(badPhase).path("message").asText()).startsWith("phase: 'green'");
  }

  private static JsonNode createSandbox(String name) throws Exception {
    HttpResponse<String> created =
        api.send(
            "POST",
            "/sandboxes",
            admin,
            "{\"name\": \"" + name + "\", \"forks\": [{\"service\": \"a\"}]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created);
  }

  private static HttpResponse<String> routed(String key) throws Exception {
    String router =
        json(api.send("GET", "/services", admin, null))
            .path("services")
            .get(0)
            .path("routerUrl")
            .asText();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(router + "/x"));
    if (key != null) {
      request.header("baggage", "prooflane-key=" + key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The lines of an event stream of the API, as they arrive, read with the admin token. */
  private static BlockingQueue<String> stream(String path, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(daemon.info().apiUrl() + path))
            .header("Authorization", "Bearer " + admin)
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    CompletableFuture<HttpResponse<Stream<String>>> response =
        HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
    streams.add(
        response.thenAcceptAsync(
            r -> {
              assertThat(r.statusCode()).isEqualTo(200);
              assertThat(r.headers().firstValue("Content-Type").orElse(""))
                  .startsWith("text/event-stream");
              r.body().forEach(lines::add);
            }));
    return lines;
  }

  /** The next line of {@code lines} that starts with {@code prefix}, skipping the others. */
  private static String awaitLine(BlockingQueue<String> lines, String prefix) throws Exception {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      String line = lines.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
    }
    throw new AssertionError("no line starting with '" + prefix + "' within " + WAIT);
  }

  private static String token(String name, String scopes) throws Exception {
    HttpResponse<String> made =
        api.send(
            "POST", "/tokens", admin, "{\"name\": \"" + name + "\", \"scopes\": " + scopes + "}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    return json(made).path("token").asText();
  }

  /** The session cookie ({@code name=value}) a login link of {@code token} gives a browser. */
  private static String session(String token) throws Exception {
    String url = json(api.send("POST", "/login-links", token, null)).path("url").asText();
    return cookie(get(url, null).headers().firstValue("Set-Cookie").orElseThrow());
  }

  private static String cookie(String setCookie) {
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static HttpResponse<String> get(String url, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(
      String method, String path, String cookie, String originHeader, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create(path.startsWith("http") ? path : daemon.info().apiUrl() + path))
            .header("Cookie", cookie)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (originHeader != null) {
      request.header("Origin", originHeader);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return ApiCalls.json(response);
  }
}
