package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.prooflane.model.testing.TestCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watcher as it runs in a pod: https to an API server whose certificate the service account's
 * CA signs, the token read from its file for every call. The API server is a JDK HTTPS server that
 * lists one Sandbox and ends every watch at once.
 */
class SandboxWatcherOverTlsTest {
  private static final String LIST =
      "{\"kind\":\"SandboxList\",\"metadata\":{\"resourceVersion\":\"7\"},\"items\":[{\"metadata\":"
          + "{\"name\":\"fix-1\",\"resourceVersion\":\"7\"},\"spec\":{\"forks\":[{\"of\":{\"kind\":"
          + "\"Deployment\",\"name\":\"notifier\"}}]},\"status\":{\"routingKey\":\"k-abc\"}}]}";

  @TempDir Path dir;
  private HttpsServer server;
  private SandboxWatcher watcher;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private TestCertificate certificate;

  @BeforeEach
  void apiServer() throws Exception {
    certificate = TestCertificate.valid(dir, "apiserver");
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.setHttpsConfigurator(new HttpsConfigurator(serving(dir.resolve("apiserver.p12"))));
    server.createContext("/apis/prooflane.dev/v1alpha1/namespaces/shop/sandboxes", this::answer);
    server.start();
    Files.writeString(dir.resolve("namespace"), "shop");
  }

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
    boolean watch = exchange.getRequestURI().getQuery() != null;
    byte[] body = (watch ? "" : LIST).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static SSLContext serving(Path p12) throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }

  private void start(Path ca) throws IOException {
    Files.writeString(dir.resolve("token"), "first-token\n");
    Files.copy(ca, dir.resolve("ca.crt"));
    ClusterSettings settings =
        ClusterSettings.from(
            Map.of(),
            Map.of(
                    "KUBERNETES_SERVICE_HOST",
                    "localhost",
                    "KUBERNETES_SERVICE_PORT",
                    String.valueOf(server.getAddress().getPort()))
                ::get,
            dir);
    watcher = MockSandboxes.started(settings);
  }

  @Test
  void trustsTheServiceAccountsCaAndSendsTheTokenOfTheMomentFromItsFile() throws Exception {
    start(certificate.certificate());

    assertThat(watcher.awaitFirst(Duration.ofSeconds(20)).sandboxes())
        .containsExactly(new RoutedSandbox("fix-1", "k-abc", Map.of("notifier", "down")));
    assertThat(authorizations).first().isEqualTo("Bearer first-token");

    Files.writeString(dir.resolve("token"), "rotated-token\n");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> authorizations.contains("Bearer rotated-token"));
  }

  @Test
  void anApiServerTheCaDoesNotSignGetsNoRequestAndNoRoutesArrive() throws Exception {
    Path other = Files.createDirectory(dir.resolve("other"));
    start(TestCertificate.valid(other, "stranger").certificate());

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> watcher.problem().contains("SSLHandshakeException"));
    assertThat(watcher.current()).isNull();
    assertThat(authorizations).isEmpty();
  }
}
