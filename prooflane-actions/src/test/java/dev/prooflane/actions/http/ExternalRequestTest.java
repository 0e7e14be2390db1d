package dev.prooflane.actions.http;

import static dev.prooflane.actions.testing.SkillRuns.parse;
import static dev.prooflane.actions.testing.SkillRuns.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.prooflane.actions.check.CheckAction;
import dev.prooflane.actions.core.HostResolver;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.policy.Policy;
import dev.prooflane.actions.policy.PolicyReader;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.testing.Reply;
import dev.prooflane.actions.testing.SkillRuns;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSRF guard end to end: skills call "external" hosts (real servers on loopback, named by a
 * resolver of the test's own that the system resolver does not know) through the engine.
 */
class ExternalRequestTest {
  private LoopbackEnvironment env;
  private HttpServer partner;
  private final List<HttpExchange> seen = new CopyOnWriteArrayList<>();
  private final Map<String, List<String>> authSeen = new ConcurrentHashMap<>();
  private final AtomicInteger lookups = new AtomicInteger();
  private final Map<String, String> dns = new ConcurrentHashMap<>();
  private volatile Consumer<HttpExchange> answer = ex -> reply(ex, 200, "{\"rate\": 1.1}");

  @BeforeEach
  void start() throws IOException {
    env = new LoopbackEnvironment().service("pricing", (req, log) -> Reply.json(200, "{}"));
    env.sandbox("sbx", "k7q2m9x4z1ab", Map.of("pricing", (req, log) -> Reply.json(200, "{}")));
    partner = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    partner.createContext(
        "/",
        ex -> {
          seen.add(ex);
          authSeen.put(
              ex.getRequestHeaders().getFirst("Host") + ex.getRequestURI().getPath(),
              ex.getRequestHeaders().getOrDefault("Authorization", List.of()));
          answer.accept(ex);
        });
    partner.start();
    dns.put("api.partner.test", "127.0.0.1");
    dns.put("other.partner.test", "127.0.0.1");
    dns.put("metadata.partner.test", "169.254.169.254");
  }

  @AfterEach
  void stop() {
    partner.stop(0);
    env.close();
  }

  private int port() {
    return partner.getAddress().getPort();
  }

  private static void reply(HttpExchange ex, int status, String body) {
    try (ex) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        ex.getResponseBody().write(bytes);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void redirect(HttpExchange ex, String location) {
    ex.getResponseHeaders().set("Location", location);
    reply(ex, 302, "");
  }

  private final HostResolver resolver =
      host -> {
        lookups.incrementAndGet();
        String address = dns.get(host);
        if (address == null) {
          throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(address));
      };

  private static final String POLICY =
      """
      http:
        allow: [api.partner.test, other.partner.test, metadata.partner.test]
        privateNetworks: [127.0.0.1/32]
      """;

  private RunResult run(String policy, String sandbox, String with) {
    return run(new HttpAction(Redaction.DEFAULT, resolver), policy, sandbox, with);
  }

  private RunResult run(HttpAction http, String policy, String sandbox, String with) {
    Policy p = PolicyReader.parse("policy.yaml", policy, ActionCatalog.builtIn().names());
    ActionCatalog actions = ActionCatalog.of(List.of(http, new CheckAction()));
    var skill =
        parse(
            "partner",
            """
            name: partner
            description: d
            whenToUse: w
            steps:
              - id: call
                action: http
                with: %s
            """
                .formatted(with));
    return SkillRuns.run(actions, p, env, sandbox, skill);
  }

  @Test
  void reachesAnAllowedHostOnTheAddressThePolicyCheckedWithoutTheKey() {
    RunResult r =
        run(
            POLICY,
            "sbx",
            ("{url: 'http://api.partner.test:%d/v1/rates?cur=EUR', expectStatus: 200,"
                    + " headers: {X-Api-Key: k-123}}")
                .formatted(port()));

    StepResult call = step(r, "call");
    assertThat(call.verdict()).as(call.message()).isEqualTo(Verdict.PASS);
    assertThat(call.outputs()).containsEntry("status", 200L);
    assertThat(call.outputs().get("body")).isEqualTo(Map.of("rate", 1.1));
    // the system resolver does not know api.partner.test: the request can only have been sent to
    // the address the policy's lookup returned, and it looked up once
    assertThat(lookups).hasValue(1);
    HttpExchange received = seen.get(0);
    assertThat(received.getRequestURI().toString()).isEqualTo("/v1/rates?cur=EUR");
    assertThat(received.getRequestHeaders().getFirst("Host"))
        .isEqualTo("api.partner.test:" + port());
    assertThat(received.getRequestHeaders().getFirst("X-Api-Key")).isEqualTo("k-123");
    assertThat(call.exchanges().get(0).requestHeaders().get("x-api-key"))
        .containsExactly(Redaction.REDACTED);
    assertThat(received.getRequestHeaders().keySet())
        .map(String::toLowerCase)
        .doesNotContain("x-prooflane-key", "baggage", "tracestate");
  }

  @Test
  void refusesAnAllowedNameThatResolvesToTheMetadataAddressAndSendsNothing() {
    RunResult r = run(POLICY, null, "{url: 'http://metadata.partner.test/latest/meta-data/'}");

    StepResult call = step(r, "call");
    assertThat(call.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(call.message())
        .startsWith(
            "refused by policy http.addresses: step 'call': GET http://metadata.partner.test")
        .contains("169.254.169.254 is the cloud metadata address");
  }

  @Test
  void rechecksARedirectToTheMetadataAddress() {
    answer = ex -> redirect(ex, "http://169.254.169.254/latest/meta-data/iam/");
    RunResult r = run(POLICY, null, "{url: 'http://api.partner.test:%d/go'}".formatted(port()));

    StepResult call = step(r, "call");
    assertThat(call.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(call.message())
        .startsWith(
            "refused by policy http.allow: step 'call': GET"
                + " http://169.254.169.254/latest/meta-data/iam/: host '169.254.169.254' is not in"
                + " http.allow");
    assertThat(seen).hasSize(1);
  }

  @Test
  void rechecksARedirectToANameThatResolvesToAForbiddenAddress() {
    answer = ex -> redirect(ex, "http://metadata.partner.test/latest/meta-data/");
    RunResult r = run(POLICY, null, "{url: 'http://api.partner.test:%d/go'}".formatted(port()));

    assertThat(step(r, "call").message())
        .startsWith(
            "refused by policy http.addresses: step 'call': GET http://metadata.partner.test");
  }

  @Test
  void refusesARedirectToALoopbackPortOfTheMachine() {
    String router = env.serviceUri("pricing").toString();
    answer = ex -> redirect(ex, router + "/admin");
    RunResult r = run(POLICY, null, "{url: 'http://api.partner.test:%d/go'}".formatted(port()));

    assertThat(step(r, "call").message())
        .startsWith("refused by policy http.allow: step 'call': GET " + router + "/admin")
        .contains("host '127.0.0.1' is not in http.allow");
    assertThat(env.received("pricing")).isEmpty();
  }

  @Test
  void followsAllowedRedirectsDroppingCredentialsAcrossHostsUnlessToldNotTo() {
    answer =
        ex -> {
          if (ex.getRequestURI().getPath().equals("/old")) {
            redirect(ex, "http://other.partner.test:" + port() + "/new");
          } else {
            reply(ex, 200, "{\"moved\": true}");
          }
        };
    RunResult r =
        run(
            POLICY,
            null,
            "{url: 'http://api.partner.test:%d/old', headers: {Authorization: 'Bearer s3cr3t'}}"
                .formatted(port()));

    StepResult call = step(r, "call");
    assertThat(call.verdict()).as(call.message()).isEqualTo(Verdict.PASS);
    assertThat(call.outputs())
        .containsEntry("status", 200L)
        .containsEntry("url", "http://other.partner.test:" + port() + "/new");
    assertThat(authSeen.get("api.partner.test:" + port() + "/old"))
        .containsExactly("Bearer s3cr3t");
    assertThat(authSeen.get("other.partner.test:" + port() + "/new")).isEmpty();
    // the exchange is the final request: the credential did not go there
    assertThat(call.exchanges().get(0).requestHeaders()).doesNotContainKey("authorization");
    assertThat(call.exchanges().get(0).url()).endsWith("/new");

    RunResult kept =
        run(
            POLICY,
            null,
            "{url: 'http://api.partner.test:%d/old', followRedirects: false}".formatted(port()));
    assertThat(step(kept, "call").outputs()).containsEntry("status", 302L);
  }

  @Test
  void refusesAHostThatIsNotAllowedAndAnUrlWithAService() {
    RunResult r = run("{}", null, "{url: 'https://example.com/'}");
    assertThat(step(r, "call").message())
        .startsWith(
            "refused by policy http.allow: step 'call': GET https://example.com/: host"
                + " 'example.com' is not in http.allow (no external host is allowed)");
    assertThat(lookups).hasValue(0);

    RunResult both = run(POLICY, null, "{url: 'http://api.partner.test/', service: pricing}");
    assertThat(step(both, "call").message())
        .contains("service")
        .contains("cannot be given with url");
  }

  @Test
  void speaksTlsToTheCheckedAddressVerifyingTheCertificateAgainstTheName(@TempDir Path dir)
      throws Exception {
    Path keystore = dir.resolve("partner.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "partner",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=api.partner.test",
                "-ext",
                "SAN=dns:api.partner.test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();
    PfxOptions pfx = new PfxOptions().setPath(keystore.toString()).setPassword("changeit");
    Vertx vertx = Vertx.vertx();
    try {
      io.vertx.core.http.HttpServer tls =
          vertx
              .createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(pfx))
              .requestHandler(
                  req ->
                      req.response()
                          .putHeader("content-type", "application/json")
                          .end("{\"tls\": true, \"host\": \"" + req.authority().host() + "\"}"))
              .listen(0, "127.0.0.1")
              .await();
      HttpAction trusting =
          new HttpAction(Redaction.DEFAULT, resolver, new HttpClientOptions().setTrustOptions(pfx));
      String url = "https://%s:" + tls.actualPort() + "/secure";

      RunResult r =
          run(trusting, POLICY, null, "{url: '" + url.formatted("api.partner.test") + "'}");
      StepResult call = step(r, "call");
      assertThat(call.verdict()).as(call.message()).isEqualTo(Verdict.PASS);
      assertThat(call.outputs().get("body"))
          .isEqualTo(Map.of("tls", true, "host", "api.partner.test"));

      // other.partner.test resolves to the same address, but the certificate does not name it
      RunResult wrongName =
          run(trusting, POLICY, null, "{url: '" + url.formatted("other.partner.test") + "'}");
      assertThat(step(wrongName, "call").verdict()).isEqualTo(Verdict.ERROR);
      assertThat(step(wrongName, "call").message())
          .contains("external host 'other.partner.test' did not answer");
    } finally {
      vertx.close().await();
    }
  }
}
