package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class InterceptorSettingsTest {
  private static final Map<String, String> ENV =
      Map.of(
          "PROOFLANE_API", "http://127.0.0.1:7070/api/v1",
          "PROOFLANE_SERVICE_TOKEN", "env-token",
          "PROOFLANE_SERVICE", "notifier",
          "PROOFLANE_SANDBOX", "fix-1");

  @Test
  void readsEverySettingFromTheEnvironmentTheDaemonGives() {
    InterceptorSettings settings =
        InterceptorSettings.from(Map.of("group.id", "notifier-fix-1"), ENV::get);

    assertThat(settings)
        .isEqualTo(
            new InterceptorSettings(
                URI.create("http://127.0.0.1:7070/api/v1"),
                "env-token",
                "notifier",
                Optional.of("fix-1"),
                "notifier-fix-1"));
    assertThat(settings.instance()).isEqualTo("fix-1");
  }

  @Test
  void consumerPropertiesWinOverTheEnvironment() {
    Map<String, Object> configs = new HashMap<>();
    configs.put("prooflane.api", "https://daemon.example:8443/api/v1/");
    configs.put("prooflane.token", "property-token");
    configs.put("prooflane.service", "orders");
    configs.put("prooflane.sandbox", "fix-2");
    configs.put("group.id", "orders-fix-2");

    InterceptorSettings settings = InterceptorSettings.from(configs, ENV::get);

    assertThat(settings.daemon().orElseThrow().api())
        .isEqualTo(URI.create("https://daemon.example:8443/api/v1"));
    assertThat(settings.daemon().orElseThrow().token()).isEqualTo("property-token");
    assertThat(settings.service()).isEqualTo("orders");
    assertThat(settings.sandbox()).contains("fix-2");
  }

  @Test
  void noSandboxMeansTheBaselineInstance() {
    Map<String, String> env = new HashMap<>(ENV);
    env.remove("PROOFLANE_SANDBOX");

    InterceptorSettings settings =
        InterceptorSettings.from(Map.of("group.id", "notifier-baseline"), env::get);

    assertThat(settings.sandbox()).isEmpty();
    assertThat(settings.instance()).isEqualTo("baseline");
  }

  @Test
  void theSandboxPlaceholdersBaselineValueMeansTheBaselineInstance() {
    InterceptorSettings settings =
        InterceptorSettings.from(
            Map.of("prooflane.sandbox", "baseline", "group.id", "notifier-baseline"), ENV::get);

    assertThat(settings.sandbox()).isEmpty();
    assertThat(settings.instance()).isEqualTo("baseline");
  }

  @Test
  void aMissingSettingNamesThePropertyAndTheEnvironmentVariable() {
    Map<String, String> env = new HashMap<>(ENV);
    env.remove("PROOFLANE_SERVICE_TOKEN");

    assertThatThrownBy(() -> InterceptorSettings.from(Map.of("group.id", "g"), env::get))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("prooflane.token: missing")
        .hasMessageContaining("environment variable PROOFLANE_SERVICE_TOKEN");
  }

  @Test
  void aBlankPropertyCountsAsMissing() {
    assertThatThrownBy(
            () ->
                InterceptorSettings.from(
                    Map.of("prooflane.service", " ", "group.id", "g"), k -> null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("prooflane.api: missing")
        .hasMessageContaining("PROOFLANE_API");
  }

  @Test
  void aConsumerWithoutAGroupIsRefused() {
    assertThatThrownBy(() -> InterceptorSettings.from(Map.of(), ENV::get))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("group.id: missing");
  }

  @Test
  void anApiThatIsNotAnHttpUrlIsRefused() {
    assertThatThrownBy(
            () ->
                InterceptorSettings.from(
                    Map.of("prooflane.api", "127.0.0.1:7070", "group.id", "g"), ENV::get))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("prooflane.api: '127.0.0.1:7070' (expected: an http or https URL");
  }
}
