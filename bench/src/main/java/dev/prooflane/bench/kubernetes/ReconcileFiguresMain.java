package dev.prooflane.bench.kubernetes;

import dev.prooflane.bench.Series;
import dev.prooflane.bench.Sizes;
import dev.prooflane.kubernetes.crd.RoutingProvider;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.operator.SandboxOperator;
import dev.prooflane.kubernetes.support.Fixtures;
import dev.prooflane.kubernetes.support.MockCluster;
import dev.prooflane.model.KeyNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Sandbox operator's figures against the fabric8 mock API server (CRUD mode, no cluster): the
 * time from creating a Sandbox to its routes being written (median, p90, max over {@code SANDBOXES}
 * sandboxes, default 20, created one after the other), with Istio and with Gateway API, and the
 * number of objects the operator writes per sandbox. Prints one {@code FIGURE} line per provider.
 *
 * <p>Usage: java -cp CLASSPATH dev.prooflane.bench.kubernetes.ReconcileFiguresMain (the fixtures of
 * prooflane-kubernetes' tests are read as files: its {@code target/test-classes} comes before its
 * test-jar on the classpath; see bench/kubernetes.sh).
 */
public final class ReconcileFiguresMain {
  private static final int SANDBOXES = Sizes.fromEnv("SANDBOXES", 20);
  private static final String NS = "shop";
  private static final Duration AT_MOST = Duration.ofSeconds(10);
  // Held: java.util.logging keeps loggers weakly. The mock server logs every request at INFO.
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesClient client;
  private final SandboxOperator operator;

  private ReconcileFiguresMain(KubernetesClient client, SandboxOperator operator) {
    this.client = client;
    this.operator = operator;
  }

  /** Measures both providers; takes no arguments. */
  public static void main(String[] args) throws InterruptedException {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
    // What @EnableKubernetesMockClient(crud = true) sets up for the operator's tests; the
    // context's mapper serves expectations only, and there are none.
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            expectations,
            new KubernetesMixedDispatcher(expectations),
            false);
    server.init();
    try (KubernetesClient client = server.createClient()) {
      MockCluster.installCrds(server);
      MockCluster.create(client, MockCluster.baseline());
      try (SandboxOperator operator =
          SandboxOperator.start(client, KeyNames.DEFAULT, Duration.ofSeconds(30))) {
        ReconcileFiguresMain bench = new ReconcileFiguresMain(client, operator);
        bench.measure(RoutingProvider.ISTIO, bench::routedByIstio);
        bench.measure(RoutingProvider.GATEWAY_API, bench::routedByGatewayApi);
      }
    } finally {
      server.destroy();
    }
    // A thread pool of the operator's libraries outlives close() and would keep the JVM up.
    System.exit(0);
  }

  private boolean routedByIstio(String sandbox) {
    var vs =
        client
            .genericKubernetesResources(MockCluster.VIRTUAL_SERVICES)
            .inNamespace(NS)
            .withName("pricing")
            .get();
    for (var route : Manifests.toNode(vs).path("spec").path("http")) {
      if (route.path("name").asText().equals("prooflane-" + sandbox)) {
        return true;
      }
    }
    return false;
  }

  private boolean routedByGatewayApi(String sandbox) {
    return client
            .genericKubernetesResources(MockCluster.HTTP_ROUTES)
            .inNamespace(NS)
            .withName("pricing-" + sandbox)
            .get()
        != null;
  }

  private boolean pending(String sandbox) {
    Sandbox s = client.resources(Sandbox.class).inNamespace(NS).withName(sandbox).get();
    return s.getStatus() != null && "Pending".equals(s.getStatus().getPhase());
  }

  private void measure(RoutingProvider provider, Predicate<String> routed)
      throws InterruptedException {
    String label = provider.name().toLowerCase(Locale.ROOT).replace('_', '-');
    Series millis = new Series();
    TreeSet<Long> writes = new TreeSet<>();
    for (int i = 0; i < SANDBOXES; i++) {
      String name = label + "-" + i;
      Sandbox sandbox = Fixtures.sandbox("sandbox-istio.yaml");
      sandbox.getMetadata().setName(name);
      sandbox.getSpec().setRoutingKey("key-" + name);
      sandbox.getSpec().getRouting().setProvider(provider);
      long before = operator.writes();
      long start = System.nanoTime();
      client.resource(sandbox).create();
      await(name + " routed", () -> routed.test(name));
      millis.add((System.nanoTime() - start) / 1_000_000);
      await(name + " Pending", () -> pending(name));
      writes.add(operator.writes() - before);
    }
    System.out.printf(
        "FIGURE kubernetes %s: creation to routes written, median %.0f ms, p90 %.0f ms, max %.0f ms"
            + " over %d sandboxes (mock API server); objects written per sandbox: %s%n",
        provider == RoutingProvider.ISTIO ? "istio" : "gateway-api",
        millis.p(50),
        millis.p(90),
        millis.max(),
        SANDBOXES,
        writes);
  }

  /** Polls {@code condition} every 2 ms, as the figure's resolution. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + AT_MOST.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + ": not within " + AT_MOST.toSeconds() + " s");
      }
      Thread.sleep(2);
    }
  }
}
