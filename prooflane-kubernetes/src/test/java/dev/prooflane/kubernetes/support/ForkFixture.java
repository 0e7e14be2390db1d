package dev.prooflane.kubernetes.support;

import dev.prooflane.kubernetes.crd.ForkState;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.crd.SandboxStatus;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operator leaves in namespace {@code shop} for sandbox {@code pr-42} forking {@code
 * pricing}, written straight into the mock API server: the fork's Service, its pods, the sandbox's
 * Ready status, and the pods' logs (CRUD mode does not serve {@code pods/log}: expectations do).
 */
public final class ForkFixture {
  /** The labels of the fork's pods, which the fork Service selects. */
  public static final Map<String, String> FORK_PODS =
      Map.of("prooflane.dev/sandbox", "pr-42", "prooflane.dev/fork-of", "pricing");

  private ForkFixture() {}

  /** The Service {@code pricing-pr-42} selecting {@link #FORK_PODS}. */
  public static void forkService(KubernetesClient client) {
    client
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("pricing-pr-42")
                .withNamespace("shop")
                .addToLabels("prooflane.dev/sandbox", "pr-42")
                .endMetadata()
                .withNewSpec()
                .addToSelector(FORK_PODS)
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build())
        .create();
  }

  /** A pod {@code name} with {@code labels}, running the {@code containers} named. */
  public static void pod(
      KubernetesClient client, String name, Map<String, String> labels, String... containers) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("shop")
            .withLabels(new LinkedHashMap<>(labels))
            .endMetadata();
    var spec = pod.withNewSpec();
    for (String container : containers) {
      spec = spec.addNewContainer().withName(container).withImage(container).endContainer();
    }
    client.resource(spec.endSpec().build()).create();
  }

  /** {@code sandbox} as the operator reports it once its fork of pricing is ready. */
  public static Sandbox ready(Sandbox sandbox) {
    SandboxStatus status = new SandboxStatus();
    status.setPhase("Ready");
    status.setRoutingKey("k7q2m9x4z1ab");
    status.setForks(
        List.of(new ForkState("pricing", "pricing-pr-42", List.of("pricing-pr-42"), 1)));
    sandbox.setStatus(status);
    return sandbox;
  }

  /**
   * Answers the log of container {@code pricing} of {@code pod} with {@code line}, whichever second
   * of the next two minutes a run asks for lines since: the line is written in the last microsecond
   * of the second asked for, so it comes after any cursor within that second, however late a busy
   * machine starts the run.
   */
  public static void logsFromNow(KubernetesMockServer server, String pod, String line) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (int s = -2; s <= 120; s++) {
      Instant since = now.plusSeconds(s);
      String written = since.plusSeconds(1).minus(1, ChronoUnit.MICROS).toString();
      logs(server, pod, since, written + " " + line + "\n");
    }
  }

  /** Answers the log of container {@code pricing} of {@code pod}, asked since {@code since}. */
  public static void logs(KubernetesMockServer server, String pod, Instant since, String body) {
    server
        .expect()
        .get()
        .withPath(
            "/api/v1/namespaces/shop/pods/"
                + pod
                + "/log?container=pricing&sinceTime="
                + since.truncatedTo(ChronoUnit.SECONDS)
                + "&timestamps=true")
        .andReturn(200, body)
        .always();
  }
}
