package dev.prooflane.kubernetes.operator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.prooflane.kubernetes.crd.ForkState;
import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.crd.SandboxStatus;
import dev.prooflane.kubernetes.meta.Labels;
import dev.prooflane.kubernetes.meta.Manifests;
import dev.prooflane.kubernetes.meta.PlanException;
import dev.prooflane.kubernetes.plan.Plan;
import dev.prooflane.kubernetes.plan.Planner;
import dev.prooflane.model.Durations;
import dev.prooflane.model.KeyNames;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.RoutingKey;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reconciles a {@link Sandbox}: plans against the namespace's baseline, writes the forks and
 * routes, reports readiness and deletes the sandbox when its TTL is over; on deletion (behind the
 * finalizer JOSDK adds) removes exactly what it made.
 *
 * <p>Errors that the user must fix (an invalid spec, a missing baseline Deployment) are written to
 * the status as {@code Failed} with a message that says what to do; other errors (the API server)
 * are retried by JOSDK with exponential backoff, the message saying so meanwhile.
 */
// Conflicts between sandboxes editing one VirtualService are expected: retry them soon, then back
// off (0.5 s, 1 s, 2 s, ... up to 1 min; after 10 failures, the 5-minute resync tries again).
@GradualRetry(maxAttempts = 10, initialInterval = 500, intervalMultiplier = 2, maxInterval = 60_000)
@ControllerConfiguration(
    name = "sandbox",
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public final class SandboxReconciler implements Reconciler<Sandbox>, Cleaner<Sandbox> {
  public static final String PENDING = "Pending";
  public static final String READY = "Ready";
  public static final String FAILED = "Failed";

  private final Planner planner;
  private final Clock clock;
  private final Duration pendingPoll;
  private final AtomicLong writes = new AtomicLong();

  SandboxReconciler(KeyNames keyNames, Clock clock, Duration pendingPoll) {
    this.planner = Planner.of(keyNames);
    this.clock = clock;
    this.pendingPoll = pendingPoll;
  }

  /** How many objects this reconciler has created, updated or deleted so far. */
  public long writes() {
    return writes.get();
  }

  /**
   * Watches the forks' Deployments (labelled {@code prooflane.dev/sandbox}) so that a fork becoming
   * ready, or being changed or deleted by someone else, reconciles its sandbox at once.
   */
  @Override
  public List<EventSource<?, Sandbox>> prepareEventSources(EventSourceContext<Sandbox> context) {
    InformerEventSourceConfiguration<Deployment> forks =
        InformerEventSourceConfiguration.from(Deployment.class, Sandbox.class)
            .withName("fork-deployments")
            .withLabelSelector(Labels.SANDBOX)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Sandbox.class))
            .build();
    return List.of(new InformerEventSource<>(forks, context));
  }

  @Override
  public UpdateControl<Sandbox> reconcile(Sandbox sandbox, Context<Sandbox> context) {
    KubernetesClient client = context.getClient();
    JsonNode before = Manifests.toTree(sandbox.getStatus());
    SandboxStatus status = sandbox.getStatus() == null ? new SandboxStatus() : sandbox.getStatus();
    sandbox.setStatus(status);
    status.setObservedGeneration(sandbox.getMetadata().getGeneration());
    Instant deadline = deadline(sandbox);
    if (deadline != null) {
      status.setScheduledDeleteTime(deadline.toString());
      if (!clock.instant().isBefore(deadline)) {
        client.resource(sandbox).delete();
        return UpdateControl.noUpdate();
      }
    }
    RoutingKey key;
    Plan plan;
    try {
      key = routingKey(sandbox, status);
      plan = planner.plan(sandbox, key, ClusterBaseline.read(client, namespace(sandbox)));
    } catch (PlanException e) {
      fail(client, sandbox, status, "BaselineMissing", e.getMessage());
      return respond(sandbox, before, untilDeadline(deadline, Duration.ofSeconds(30)));
    } catch (ProoflaneException | IllegalArgumentException e) {
      fail(client, sandbox, status, "InvalidSpec", e.getMessage());
      return respond(sandbox, before, deadline == null ? null : untilDeadline(deadline, null));
    }
    writes.addAndGet(new ClusterWriter(client).apply(plan));
    status.setRoutingKey(key.value());
    status.setRoutes(new ArrayList<>(plan.routes()));
    List<ForkState> forks = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    for (ForkState f : plan.forks()) {
      Deployment d =
          client
              .apps()
              .deployments()
              .inNamespace(namespace(sandbox))
              .withName(f.getDeployment())
              .get();
      int ready =
          d == null || d.getStatus() == null || d.getStatus().getReadyReplicas() == null
              ? 0
              : d.getStatus().getReadyReplicas();
      forks.add(new ForkState(f.getOf(), f.getDeployment(), f.getServices(), ready));
      if (ready < 1) {
        waiting.add(f.getDeployment());
      }
    }
    status.setForks(forks);
    String notes = plan.notes().isEmpty() ? "" : " (" + String.join("; ", plan.notes()) + ")";
    if (waiting.isEmpty()) {
      Conditions.set(
          status,
          READY,
          "ForksReady",
          notes.isEmpty() ? "" : notes.substring(2, notes.length() - 1),
          sandbox,
          clock);
      return respond(sandbox, before, untilDeadline(deadline, null));
    }
    Conditions.set(
        status,
        PENDING,
        "WaitingForPods",
        "waiting for a ready pod of " + String.join(", ", waiting) + notes,
        sandbox,
        clock);
    return respond(sandbox, before, untilDeadline(deadline, pendingPoll));
  }

  /**
   * Patches the status only when it changed: most reconciles (a fork's Deployment changed, the
   * periodic resync) find nothing new, and each needless write is one more event to process.
   */
  private static UpdateControl<Sandbox> respond(Sandbox sandbox, JsonNode before, Duration next) {
    UpdateControl<Sandbox> control =
        Manifests.toTree(sandbox.getStatus()).equals(before)
            ? UpdateControl.noUpdate()
            : UpdateControl.patchStatus(sandbox);
    return next == null ? control : control.rescheduleAfter(next);
  }

  private void fail(
      KubernetesClient client,
      Sandbox sandbox,
      SandboxStatus status,
      String reason,
      String message) {
    if (!FAILED.equals(status.getPhase()) || !message.equals(status.getMessage())) {
      SandboxEvents.warn(client, sandbox, reason, message, clock);
    }
    Conditions.set(status, FAILED, reason, message, sandbox, clock);
  }

  @Override
  public ErrorStatusUpdateControl<Sandbox> updateErrorStatus(
      Sandbox sandbox, Context<Sandbox> context, Exception e) {
    SandboxStatus status = sandbox.getStatus() == null ? new SandboxStatus() : sandbox.getStatus();
    sandbox.setStatus(status);
    int attempt = context.getRetryInfo().map(r -> r.getAttemptCount()).orElse(1);
    status.setMessage("error, retrying (attempt " + attempt + "): " + e.getMessage());
    return ErrorStatusUpdateControl.patchStatus(sandbox);
  }

  @Override
  public DeleteControl cleanup(Sandbox sandbox, Context<Sandbox> context) {
    KubernetesClient client = context.getClient();
    Plan plan = planner.cleanup(sandbox, ClusterBaseline.read(client, namespace(sandbox)));
    writes.addAndGet(new ClusterWriter(client).apply(plan));
    return DeleteControl.defaultDelete();
  }

  private static String namespace(Sandbox sandbox) {
    return sandbox.getMetadata().getNamespace();
  }

  private static RoutingKey routingKey(Sandbox sandbox, SandboxStatus status) {
    if (sandbox.getSpec() != null && sandbox.getSpec().getRoutingKey() != null) {
      return new RoutingKey(sandbox.getSpec().getRoutingKey());
    }
    if (status.getRoutingKey() != null && RoutingKey.isValid(status.getRoutingKey())) {
      return new RoutingKey(status.getRoutingKey());
    }
    return RoutingKey.generate();
  }

  /** When the sandbox's TTL ends, or null when it has none (or an invalid one). */
  private static Instant deadline(Sandbox sandbox) {
    String ttl = sandbox.getSpec() == null ? null : sandbox.getSpec().getTtl();
    String created = sandbox.getMetadata().getCreationTimestamp();
    if (ttl == null || created == null) {
      return null;
    }
    try {
      return Instant.parse(created).plus(Durations.parse(ttl));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private Duration untilDeadline(Instant deadline, Duration poll) {
    if (deadline == null) {
      return poll == null ? Duration.ofMinutes(5) : poll;
    }
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative()) {
      left = Duration.ZERO;
    }
    return poll == null || left.compareTo(poll) < 0 ? left.plusMillis(50) : poll;
  }
}
