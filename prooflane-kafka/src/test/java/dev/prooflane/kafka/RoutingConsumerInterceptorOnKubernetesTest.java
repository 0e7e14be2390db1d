package dev.prooflane.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interceptor in a cluster: routes from the Sandbox resources, no daemon. */
@EnableKubernetesMockClient(crud = true, https = false)
class RoutingConsumerInterceptorOnKubernetesTest {
  private static final String LIST_PATH = "/apis/prooflane.dev/v1alpha1/namespaces/shop/sandboxes";

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;

  private MockSandboxes sandboxes;
  private RoutingConsumerInterceptor<String, String> interceptor;

  @BeforeEach
  void sandboxes() {
    sandboxes = new MockSandboxes(server, client);
  }

  @AfterEach
  void stop() {
    if (interceptor != null) {
      interceptor.close();
    }
  }

  /** An interceptor of the notifier's {@code sandbox} instance (null: baseline), in a pod. */
  private RoutingConsumerInterceptor<String, String> interceptor(String sandbox) {
    Map<String, Object> config = MockSandboxes.consumerConfig(client, dir.resolve("token"));
    config.put("group.id", "notifier-" + (sandbox == null ? "baseline" : sandbox));
    interceptor =
        new RoutingConsumerInterceptor<>(
            sandbox == null
                ? Map.of("PROOFLANE_SERVICE", "notifier")
                : Map.of("PROOFLANE_SERVICE", "notifier", "PROOFLANE_SANDBOX", sandbox));
    interceptor.configure(config);
    return interceptor;
  }

  private static ConsumerRecords<String, String> batch() {
    return new Batches()
        .add("orders", 0, "unkeyed")
        .add("orders", 0, "fix-1", "baggage", "prooflane-key=k-abc")
        .add("orders", 1, "fix-2", "x-prooflane-key", "k-def")
        .add("orders", 1, "fix-3", "tracestate", "prooflane-key=k-ghi")
        .build();
  }

  @Test
  void theBaselineSkipsTheKeysOfSandboxesThatForkItUpOrDown() {
    sandboxes.create("fix-1", null, "k-abc", Map.of("notifier", 1));
    sandboxes.create("fix-2", "k-def", "k-def", Map.of("notifier", 0));
    sandboxes.create("fix-3", "k-ghi", "k-ghi", Map.of("orders", 1));

    ConsumerRecords<String, String> delivered = interceptor(null).onConsume(batch());

    assertThat(Batches.values(delivered)).containsExactly("unkeyed", "fix-3");
  }

  @Test
  void aForkTakesOnlyItsSandboxsRecords() {
    sandboxes.create("fix-1", null, "k-abc", Map.of("notifier", 1));
    sandboxes.create("fix-2", "k-def", "k-def", Map.of("notifier", 1));

    assertThat(Batches.values(interceptor("fix-2").onConsume(batch()))).containsExactly("fix-2");
  }

  @Test
  void aSandboxCreatedLaterTakesItsKeyFromTheBaselineFromALaterPoll() {
    RoutingConsumerInterceptor<String, String> baseline = interceptor(null);
    assertThat(Batches.values(baseline.onConsume(batch())))
        .containsExactly("unkeyed", "fix-1", "fix-2", "fix-3");

    sandboxes.create("fix-1", "k-abc", null, Map.of("notifier", 0));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(Batches.values(baseline.onConsume(batch())))
                    .containsExactly("unkeyed", "fix-2", "fix-3"));
  }

  @Test
  void holdsTheFirstBatchUntilTheFirstListOfSandboxesSucceeds() throws Exception {
    sandboxes.create("fix-1", "k-abc", "k-abc", Map.of("notifier", 0));
    server.expect().get().withPath(LIST_PATH).andReturn(503, "{}").always();
    int before = server.getRequestCount();
    RoutingConsumerInterceptor<String, String> baseline = interceptor(null);

    CompletableFuture<ConsumerRecords<String, String>> poll =
        CompletableFuture.supplyAsync(() -> baseline.onConsume(batch()));
    await().atMost(Duration.ofSeconds(10)).until(() -> server.getRequestCount() >= before + 2);
    assertThat(poll).isNotDone();

    server.clearExpectations();

    assertThat(Batches.values(poll.get(20, TimeUnit.SECONDS)))
        .containsExactly("unkeyed", "fix-2", "fix-3");
  }
}
