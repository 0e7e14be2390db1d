package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.prooflane.model.KeyNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routes of the Sandbox resources, listed and watched on the fabric8 mock API server. */
@EnableKubernetesMockClient(crud = true, https = false)
class SandboxWatcherTest {
  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;

  private MockSandboxes sandboxes;
  private SandboxWatcher watcher;

  @BeforeEach
  void sandboxes() {
    sandboxes = new MockSandboxes(server, client);
  }

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
  }

  private Routes start() throws InterruptedException {
    ClusterSettings settings =
        ClusterSettings.from(
            MockSandboxes.consumerConfig(client, dir.resolve("token")), k -> null, dir);
    watcher = MockSandboxes.started(settings);
    Routes first = watcher.awaitFirst(Duration.ofSeconds(20));
    assertThat(first).as("routes after the first LIST").isNotNull();
    return first;
  }

  private Selection baseline() {
    return Selection.of(watcher.current(), "notifier", Optional.empty());
  }

  @Test
  void listsEverySandboxWithItsKeyAndTheDeploymentsItForks() throws Exception {
    sandboxes.create("fix-1", null, "k-abc", Map.of("notifier", 1));
    sandboxes.create("fix-2", "k-def", "k-def", Map.of("notifier", 0, "orders", 1));

    Routes routes = start();

    assertThat(routes.keyNames()).isEqualTo(KeyNames.DEFAULT);
    assertThat(routes.sandboxes())
        .containsExactly(
            new RoutedSandbox("fix-1", "k-abc", Map.of("notifier", "up")),
            new RoutedSandbox("fix-2", "k-def", Map.of("notifier", "down", "orders", "up")));
  }

  @Test
  void aSandboxTheOperatorHasNotHandledYetHoldsTheKeyOfItsSpec() throws Exception {
    sandboxes.create("fix-1", "k-abc", null, Map.of("notifier", 0));
    sandboxes.create("fix-2", null, null, Map.of("notifier", 0));

    Routes routes = start();

    assertThat(routes.sandboxes())
        .containsExactly(new RoutedSandbox("fix-1", "k-abc", Map.of("notifier", "down")));
    assertThat(baseline().decide("k-abc")).isEqualTo(Decision.SKIP_FORKED);
  }

  @Test
  void aSandboxCreatedAfterTheListChangesTheSelection() throws Exception {
    start();
    assertThat(baseline().decide("k-abc")).isEqualTo(Decision.DELIVER);

    sandboxes.create("fix-1", "k-abc", null, Map.of("notifier", 0));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> baseline().decide("k-abc") == Decision.SKIP_FORKED);
    assertThat(Selection.of(watcher.current(), "notifier", Optional.of("fix-1")).decide("k-abc"))
        .isEqualTo(Decision.DELIVER);
  }

  @Test
  void theKeyTheOperatorGeneratesArrivesWithItsStatus() throws Exception {
    sandboxes.create("fix-1", null, null, Map.of("notifier", 0));
    assertThat(start().sandboxes()).isEmpty();

    sandboxes.update("fix-1", null, "k-gen", Map.of("notifier", 0));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> baseline().decide("k-gen") == Decision.SKIP_FORKED);
  }

  @Test
  void aForkThatGoesDownKeepsItsKey() throws Exception {
    sandboxes.create("fix-1", "k-abc", "k-abc", Map.of("notifier", 1));
    start();
    long version = watcher.current().version();

    sandboxes.update("fix-1", "k-abc", "k-abc", Map.of("notifier", 0));

    await().atMost(Duration.ofSeconds(10)).until(() -> watcher.current().version() > version);
    assertThat(watcher.current().sandboxes())
        .containsExactly(new RoutedSandbox("fix-1", "k-abc", Map.of("notifier", "down")));
    assertThat(baseline().decide("k-abc")).isEqualTo(Decision.SKIP_FORKED);
  }

  @Test
  void aDeletedSandboxsKeyGoesToTheBaseline() throws Exception {
    sandboxes.create("fix-1", "k-abc", "k-abc", Map.of("notifier", 1));
    sandboxes.create("fix-2", "k-def", "k-def", Map.of("notifier", 1));
    start();
    assertThat(baseline().decide("k-abc")).isEqualTo(Decision.SKIP_FORKED);

    sandboxes.delete("fix-1");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> baseline().decide("k-abc") == Decision.DELIVER);
    assertThat(baseline().decide("k-def")).isEqualTo(Decision.SKIP_FORKED);
  }

  @Test
  void aSandboxThatForksAnotherServiceLeavesItsKeyToTheBaseline() throws Exception {
    sandboxes.create("fix-1", "k-abc", "k-abc", Map.of("orders", 1));

    start();

    assertThat(baseline().decide("k-abc")).isEqualTo(Decision.DELIVER);
  }
}
