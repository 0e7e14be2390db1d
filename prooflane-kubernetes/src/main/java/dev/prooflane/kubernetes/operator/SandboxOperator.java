package dev.prooflane.kubernetes.operator;

import dev.prooflane.model.KeyNames;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;

/**
 * Runs the Sandbox operator: {@link #start} for embedding and tests, {@link #main} in the cluster
 * (in-cluster service account, all namespaces).
 */
public final class SandboxOperator implements AutoCloseable {
  private final Operator operator;
  private final SandboxReconciler reconciler;

  private SandboxOperator(Operator operator, SandboxReconciler reconciler) {
    this.operator = operator;
    this.reconciler = reconciler;
  }

  /**
   * Starts the operator on {@code client}, routing on {@code keyNames}. A pending sandbox is
   * reconciled when its forks' Deployments change, and at the latest every {@code pendingPoll}.
   */
  public static SandboxOperator start(
      KubernetesClient client, KeyNames keyNames, Duration pendingPoll) {
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    // Create-or-update and merge patches only: the same on every API server.
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withCloseClientOnStop(false));
    SandboxReconciler reconciler = new SandboxReconciler(keyNames, Clock.systemUTC(), pendingPoll);
    operator.register(reconciler);
    operator.start();
    return new SandboxOperator(operator, reconciler);
  }

  /** How many objects the operator has created, updated or deleted so far. */
  public long writes() {
    return reconciler.writes();
  }

  @Override
  public void close() {
    operator.stop();
  }

  /** Runs in the cluster until the process is stopped. */
  public static void main(String[] args) {
    KubernetesClient client = new KubernetesClientBuilder().build();
    SandboxOperator running = start(client, KeyNames.DEFAULT, Duration.ofSeconds(30));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  client.close();
                }));
  }
}
