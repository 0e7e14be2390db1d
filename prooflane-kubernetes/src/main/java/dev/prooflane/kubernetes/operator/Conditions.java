package dev.prooflane.kubernetes.operator;

import dev.prooflane.kubernetes.crd.Sandbox;
import dev.prooflane.kubernetes.crd.SandboxStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Sets a sandbox's phase, message and {@code Ready} condition together, so they never disagree. */
final class Conditions {
  static final String READY = "Ready";

  private Conditions() {}

  static void set(
      SandboxStatus status,
      String phase,
      String reason,
      String message,
      Sandbox sandbox,
      Clock clock) {
    status.setPhase(phase);
    status.setMessage(message);
    String value = SandboxReconciler.READY.equals(phase) ? "True" : "False";
    Condition previous =
        status.getConditions().stream()
            .filter(c -> READY.equals(c.getType()))
            .findFirst()
            .orElse(null);
    String since =
        previous != null && value.equals(previous.getStatus())
            ? previous.getLastTransitionTime()
            : clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    List<Condition> conditions = new ArrayList<>(status.getConditions());
    conditions.removeIf(c -> READY.equals(c.getType()));
    conditions.add(
        new ConditionBuilder()
            .withType(READY)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(sandbox.getMetadata().getGeneration())
            .withLastTransitionTime(since)
            .build());
    status.setConditions(conditions);
  }
}
