package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RoutesFromTest {
  private static final Map<String, String> POD = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1");

  @Test
  void aPodGivenNoDaemonReadsTheSandboxResources() {
    assertThat(RoutesFrom.of(Map.of(), POD::get)).isEqualTo(RoutesFrom.KUBERNETES);
  }

  @Test
  void aProcessTheDaemonStartedReadsTheDaemonEvenInAPod() {
    Map<String, String> env =
        Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "PROOFLANE_API", "http://127.0.0.1:7070");

    assertThat(RoutesFrom.of(Map.of(), env::get)).isEqualTo(RoutesFrom.DAEMON);
    assertThat(RoutesFrom.of(Map.of("prooflane.api", "http://daemon:7070"), POD::get))
        .isEqualTo(RoutesFrom.DAEMON);
  }

  @Test
  void outsideAClusterTheRoutesComeFromTheDaemon() {
    assertThat(RoutesFrom.of(Map.of(), k -> null)).isEqualTo(RoutesFrom.DAEMON);
  }

  @Test
  void theSettingWinsOverTheDefaultThePropertyOverTheVariable() {
    assertThat(RoutesFrom.of(Map.of(), Map.of("PROOFLANE_ROUTES", "kubernetes")::get))
        .isEqualTo(RoutesFrom.KUBERNETES);
    assertThat(RoutesFrom.of(Map.of("prooflane.routes", "Daemon"), POD::get))
        .isEqualTo(RoutesFrom.DAEMON);
    assertThat(
            RoutesFrom.of(
                Map.of("prooflane.routes", "kubernetes"),
                Map.of("PROOFLANE_ROUTES", "daemon")::get))
        .isEqualTo(RoutesFrom.KUBERNETES);
  }

  @Test
  void anUnknownSourceIsRefusedNamingBothSettings() {
    assertThatThrownBy(() -> RoutesFrom.of(Map.of("prooflane.routes", "k8s"), k -> null))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "prooflane.routes: 'k8s' (expected: daemon or kubernetes, in consumer property"
                + " prooflane.routes or environment variable PROOFLANE_ROUTES)");
  }

  @Test
  void inAClusterTheDaemonIsOptionalAndOnlyForReports() {
    InterceptorSettings withoutDaemon =
        InterceptorSettings.from(
            Map.of("prooflane.service", "notifier", "group.id", "notifier-baseline"), POD::get);
    InterceptorSettings withDaemon =
        InterceptorSettings.from(
            Map.of(
                "prooflane.routes", "kubernetes",
                "prooflane.api", "http://daemon:7070/api/v1",
                "prooflane.token", "s3cret",
                "prooflane.service", "notifier",
                "group.id", "notifier-baseline"),
            POD::get);

    assertThat(withoutDaemon.routes()).isEqualTo(RoutesFrom.KUBERNETES);
    assertThat(withoutDaemon.daemon()).isEmpty();
    assertThat(withDaemon.routes()).isEqualTo(RoutesFrom.KUBERNETES);
    assertThat(withDaemon.daemon().orElseThrow().token()).isEqualTo("s3cret");
    assertThat(withDaemon.daemon().orElseThrow().toString())
        .doesNotContain("t]")
        .contains("hidden");
  }

  @Test
  void inAClusterTheServiceIsTheDeploymentsName() {
    assertThatThrownBy(
            () -> InterceptorSettings.from(Map.of("group.id", "notifier-baseline"), POD::get))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "prooflane.service: missing (expected: the name of the consumer's"
                + " baseline Deployment");
  }

  @Test
  void aDaemonForReportsNeedsItsToken() {
    assertThatThrownBy(
            () ->
                InterceptorSettings.from(
                    Map.of(
                        "prooflane.api", "http://daemon:7070/api/v1",
                        "prooflane.routes", "kubernetes",
                        "prooflane.service", "notifier",
                        "group.id", "g"),
                    POD::get))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("prooflane.token: missing (expected: a token with scope hops:write");
  }
}
