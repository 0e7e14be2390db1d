package dev.prooflane.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.model.testing.TestCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An environment whose file gives the router a certificate: callers outside reach its services over
 * TLS (HTTP/2 by ALPN), while its services keep calling each other at their cleartext {@code
 * ${services.NAME.url}} on the same ports.
 */
class RouterTlsIT {
  @TempDir Path dir;

  private final List<String> progress = new CopyOnWriteArrayList<>();

  private Environment chainWithTls() throws Exception {
    Path file = TestEnvironment.chain(dir).file();
    Files.writeString(
        file,
        "router: {tls: {certificate: router.crt, key: router.key}}\n" + Files.readString(file));
    return EnvironmentReader.read(file);
  }

  private LocalRuntime start(Environment env) {
    return LocalRuntime.start(env, LocalOptions.of(dir.resolve(".prooflane")), progress::add);
  }

  @Test
  void aKeyedRequestOverHttp2WithTlsReachesTheForkInTheMiddleOfACleartextChain() throws Exception {
    TestCertificate certificate = TestCertificate.valid(dir, "router");
    try (LocalRuntime runtime = start(chainWithTls())) {
      Sandbox sandbox =
          runtime.createSandbox(
              new SandboxSpec(
                  "mid", Optional.empty(), Optional.empty(), Map.of(), List.of(Fork.of("b"))),
              line -> {});
      HttpClient h2 =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_2)
              .sslContext(certificate.trustingContext())
              .build();
      URI a = URI.create("https://127.0.0.1:" + runtime.routerPorts().get("a") + "/x");

      HttpResponse<String> keyed =
          h2.send(
              HttpRequest.newBuilder(a)
                  .timeout(Duration.ofSeconds(20))
                  .header("baggage", "prooflane-key=" + sandbox.routingKey().value())
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(keyed.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(keyed.statusCode()).isEqualTo(200);
      assertThat(keyed.body())
          .contains(
              "{\"service\":\"a\",\"servedBy\":\"baseline\"},{\"service\":\"b\",\"servedBy\":\"mid\"},{\"service\":\"c\",\"servedBy\":\"baseline\"}");
      assertThat(progress).noneMatch(line -> line.startsWith("WARNING"));
    }
  }

  @Test
  void anExpiredCertificateIsAWarningAtStartNotAFailure() throws Exception {
    TestCertificate.expired(dir, "router");
    try (LocalRuntime runtime = start(chainWithTls())) {
      assertThat(runtime.routerPorts()).containsKeys("a", "b", "c");
      assertThat(progress)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith(
                          "WARNING: router.tls.certificate: '"
                              + dir.resolve("router.crt")
                              + "' expired on ")
                      .contains("TLS clients will refuse it"));
    }
  }
}
