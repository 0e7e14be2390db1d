package dev.prooflane.kafka;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * The Kubernetes API server as the interceptor calls it: one JDK HTTP client that trusts the
 * service account's CA (and nothing else), the base URL, and the service account's token, read
 * again for every request because Kubernetes rotates it. No message shows the token.
 */
final class ClusterEndpoint {
  private final HttpClient client;
  private final ClusterSettings settings;

  ClusterEndpoint(ClusterSettings settings) {
    this.settings = requireNonNull(settings, "settings");
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
    settings.caFile().ifPresent(ca -> builder.sslContext(trusting(ca)));
    this.client = builder.build();
  }

  HttpClient client() {
    return client;
  }

  /** The URL of {@code pathAndQuery} (such as {@code /apis/...}) on the API server. */
  URI uri(String pathAndQuery) {
    return URI.create(settings.apiServer() + pathAndQuery);
  }

  /** A request to {@code pathAndQuery} with the current token, answered within {@code timeout}. */
  HttpRequest.Builder request(String pathAndQuery, Duration timeout) throws IOException {
    String token = Files.readString(settings.tokenFile(), StandardCharsets.UTF_8).trim();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(pathAndQuery))
            .timeout(timeout)
            .header("Accept", "application/json");
    return token.isEmpty() ? request : request.header("Authorization", "Bearer " + token);
  }

  /** An SSL context that trusts exactly the certificates of {@code caFile} (PEM). */
  private static SSLContext trusting(Path caFile) {
    try (InputStream in = Files.newInputStream(caFile)) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new ConfigException(
            ClusterSettings.CA_FILE + ": " + caFile + " holds no certificate (expected: PEM)");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(
          ClusterSettings.CA_FILE
              + ": "
              + caFile
              + " cannot be read as certificates ("
              + e.getMessage()
              + "; expected: the API server's CA in PEM)");
    }
  }
}
