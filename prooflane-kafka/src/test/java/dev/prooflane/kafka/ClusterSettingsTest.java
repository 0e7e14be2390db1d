package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.model.KeyNames;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSettingsTest {
  private static final Map<String, String> POD =
      Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "6443");

  @TempDir Path serviceAccount;

  @BeforeEach
  void mountTheServiceAccount() throws IOException {
    Files.writeString(serviceAccount.resolve("token"), "token");
    Files.writeString(serviceAccount.resolve("ca.crt"), "not read here");
    Files.writeString(serviceAccount.resolve("namespace"), "shop\n");
  }

  @Test
  void inAPodEverythingComesFromWhatKubernetesMounts() {
    ClusterSettings settings = ClusterSettings.from(Map.of(), POD::get, serviceAccount);

    assertThat(settings)
        .isEqualTo(
            new ClusterSettings(
                URI.create("https://10.96.0.1:6443"),
                serviceAccount.resolve("token"),
                Optional.of(serviceAccount.resolve("ca.crt")),
                "shop",
                KeyNames.DEFAULT));
  }

  @Test
  void anIpv6ApiServerAddressIsBracketed() {
    ClusterSettings settings =
        ClusterSettings.from(
            Map.of(), Map.of("KUBERNETES_SERVICE_HOST", "fd00::1")::get, serviceAccount);

    assertThat(settings.apiServer()).isEqualTo(URI.create("https://[fd00::1]:443"));
  }

  @Test
  void propertiesAndVariablesOverrideTheDefaults() {
    Map<String, Object> configs =
        Map.of(
            "prooflane.kubernetes.api", "http://127.0.0.1:8080/",
            "prooflane.kubernetes.namespace", "orders",
            "prooflane.key.baggage", "sd-routing-key");

    ClusterSettings settings =
        ClusterSettings.from(
            configs, Map.of("PROOFLANE_KEY_HEADER", "uberctx-sd-routing-key")::get, serviceAccount);

    assertThat(settings.apiServer()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(settings.caFile()).isEmpty();
    assertThat(settings.namespace()).isEqualTo("orders");
    assertThat(settings.keyNames())
        .isEqualTo(
            new KeyNames(
                "sd-routing-key", "prooflane-key", "uberctx-sd-routing-key", Optional.empty()));
  }

  @Test
  void plainHttpIsRefusedBeyondLoopback() {
    assertThatThrownBy(
            () ->
                ClusterSettings.from(
                    Map.of("prooflane.kubernetes.api", "http://10.96.0.1:80"),
                    POD::get,
                    serviceAccount))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "prooflane.kubernetes.api: 'http://10.96.0.1:80' (expected: an https URL");
  }

  @Test
  void outsideAPodTheApiServerMustBeGiven() {
    assertThatThrownBy(() -> ClusterSettings.from(Map.of(), k -> null, serviceAccount))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("prooflane.kubernetes.api: missing");
  }

  @Test
  void aPodWithoutItsServiceAccountTokenIsToldWhatIsMissing() throws IOException {
    Files.delete(serviceAccount.resolve("token"));

    assertThatThrownBy(() -> ClusterSettings.from(Map.of(), POD::get, serviceAccount))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("prooflane.kubernetes.token.file: " + serviceAccount.resolve("token"))
        .hasMessageContaining("automountServiceAccountToken");
  }

  @Test
  void aCaFileWithoutCertificatesIsRefusedWhenTheEndpointIsBuilt() {
    ClusterSettings settings = ClusterSettings.from(Map.of(), POD::get, serviceAccount);

    assertThatThrownBy(() -> new ClusterEndpoint(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "prooflane.kubernetes.ca.file: " + serviceAccount.resolve("ca.crt"));
  }
}
