package dev.prooflane.routing;

import static dev.prooflane.routing.RouterFixture.sandbox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.prooflane.model.RouterTls;
import dev.prooflane.model.testing.TestCertificate;
import dev.prooflane.model.tls.PemIdentity;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A listener with a certificate, reached by clients the project did not write: the JDK's HTTP
 * client choosing HTTP/2 or HTTP/1.1 by ALPN, the JDK's TLS socket without ALPN, and cleartext
 * clients on the same port. Every request is routed by its own key, as in cleartext.
 */
class RouterTlsTest {
  @TempDir Path dir;

  private final UnhandledErrors unhandled = new UnhandledErrors();
  private TestCertificate certificate;
  private TestUpstream baseline;
  private TestUpstream fork;
  private Router router;
  private int port;

  @BeforeEach
  void start() {
    unhandled.start();
    certificate = TestCertificate.valid(dir, "router");
    baseline = TestUpstream.start("baseline/cart#1");
    fork = TestUpstream.start("sbx-a/cart#1");
    router =
        Router.start(
            RouterOptions.defaults()
                .withHeaderTimeout(Duration.ofMillis(800))
                .withTls(
                    PemIdentity.read(new RouterTls(certificate.certificate(), certificate.key()))));
    port = router.listen("cart", 0);
    router.update(
        t ->
            t.withBaseline("cart", baseline.upstream())
                .withSandbox(sandbox("sbx-a", "key-a", "cart", fork.upstream())));
  }

  @AfterEach
  void stop() {
    router.close();
    baseline.close();
    fork.close();
    unhandled.stop();
  }

  private HttpClient client(HttpClient.Version version) {
    return HttpClient.newBuilder()
        .version(version)
        .sslContext(certificate.trustingContext())
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private HttpResponse<String> get(HttpClient client, String scheme, String key) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/cart/1"))
            .timeout(Duration.ofSeconds(10));
    if (key != null) {
      request.header("baggage", "user=1,prooflane-key=" + key);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @ParameterizedTest
  @EnumSource(HttpClient.Version.class)
  void servesTheVersionChosenByAlpnRoutingKeyedToTheForkAndUnkeyedToTheBaseline(
      HttpClient.Version version) throws Exception {
    HttpClient client = client(version);

    HttpResponse<String> keyed = get(client, "https", "key-a");
    HttpResponse<String> unkeyed = get(client, "https", null);

    assertThat(keyed.version()).isEqualTo(version);
    assertThat(keyed.body()).isEqualTo("sbx-a/cart#1");
    assertThat(unkeyed.version()).isEqualTo(version);
    assertThat(unkeyed.body()).isEqualTo("baseline/cart#1");
  }

  @ParameterizedTest
  @EnumSource(HttpClient.Version.class)
  void forwardsTheHttpsSchemeOverEitherVersion(HttpClient.Version version) throws Exception {
    get(client(version), "https", "key-a");

    assertThat(fork.received())
        .singleElement()
        .satisfies(r -> assertThat(r.header("x-forwarded-proto")).isEqualTo("https"));
  }

  @Test
  void aCleartextClientCannotClaimHttpsThroughHeadersItSends() throws Exception {
    HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cart/1"))
            .header("x-prooflane-key", "key-a")
            .header("x-http2-scheme", "https")
            .header("x-forwarded-proto", "https")
            .timeout(Duration.ofSeconds(10))
            .build();

    assertThat(plain.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
    assertThat(fork.received())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.header("x-forwarded-proto")).isEqualTo("http");
              assertThat(r.header("x-http2-scheme")).isNull();
            });
  }

  @Test
  void answersAnH2cUpgradeOverTlsInHttp11() throws Exception {
    TlsAnswer answer =
        overTls(
            "GET /cart/1 HTTP/1.1\r\nHost: cart\r\nx-prooflane-key: key-a\r\n"
                + "Connection: Upgrade, HTTP2-Settings, close\r\nUpgrade: h2c\r\n"
                + "HTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n");

    // h2c is HTTP/2 over cleartext only (RFC 9113 3.1): over TLS the upgrade is ignored
    assertThat(answer.text()).startsWith("HTTP/1.1 200 ").endsWith("sbx-a/cart#1");
  }

  @Test
  void recordsAnHttp2Hop() throws Exception {
    get(client(HttpClient.Version.HTTP_2), "https", "key-a");

    await().atMost(Duration.ofSeconds(5)).until(() -> !router.hops().byKey("key-a").isEmpty());
    assertThat(router.hops().byKey("key-a").get(0).protocol()).isEqualTo(HopRecord.HTTP2);
  }

  @Test
  void servesHttp11ToATlsClientThatOffersNoAlpn() throws Exception {
    TlsAnswer answer =
        overTls(
            "GET /cart/1 HTTP/1.1\r\nHost: cart\r\nx-prooflane-key: key-a\r\n"
                + "Connection: close\r\n\r\n");

    assertThat(answer.alpn()).isEmpty();
    assertThat(answer.text()).startsWith("HTTP/1.1 200 ").endsWith("sbx-a/cart#1");
  }

  /** What a TLS client that offers no ALPN got for {@code request}, sent as it is. */
  private record TlsAnswer(String alpn, String text) {}

  private TlsAnswer overTls(String request) throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            certificate
                .trustingContext()
                .getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new TlsAnswer(socket.getApplicationProtocol(), text);
    }
  }

  @Test
  void stillServesCleartextOnTheSamePort() throws Exception {
    HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    assertThat(get(plain, "http", "key-a").body()).isEqualTo("sbx-a/cart#1");
    assertThat(get(plain, "http", null).body()).isEqualTo("baseline/cart#1");
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateFailsItsHandshakeQuietlyAndOthersAreServed()
      throws Exception {
    HttpClient untrusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    Throwable refused = catchThrowable(() -> get(untrusting, "https", "key-a"));

    assertThat(refused).isInstanceOf(SSLHandshakeException.class);
    assertThat(get(client(HttpClient.Version.HTTP_2), "https", "key-a").body())
        .isEqualTo("sbx-a/cart#1");
    assertThat(fork.received()).hasSize(1);
    assertThat(unhandled.warnings()).isEmpty();
  }

  @Test
  void closesAConnectionWhoseHandshakeStallsAfterTheHeadTimeout() throws Exception {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      long started = System.nanoTime();

      assertThat(in.read()).as("the router closes the connection").isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
    assertThat(unhandled.warnings()).isEmpty();
  }
}
