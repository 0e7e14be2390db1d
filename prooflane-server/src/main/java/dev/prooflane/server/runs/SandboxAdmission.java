package dev.prooflane.server.runs;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.policy.Policy;
import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.server.audit.Governance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Creates sandboxes within the policy's {@code sandboxes:} quota, owned by the caller, recorded in
 * the audit log; creations under way count against the quota. Thread-safe.
 */
public final class SandboxAdmission {
  private final LocalRuntime runtime;
  private final Governance governance;
  private final Map<String, Map<String, String>> pending = new HashMap<>();

  public SandboxAdmission(LocalRuntime runtime, Governance governance) {
    this.runtime = requireNonNull(runtime, "runtime");
    this.governance = requireNonNull(governance, "governance");
  }

  /**
   * Creates {@code spec} for {@code owner} (a token's name).
   *
   * @throws PolicyRefusedException when the quota refuses it (recorded in the audit log)
   */
  public Sandbox create(SandboxSpec spec, String owner, Consumer<String> progress) {
    Policy policy = governance.policy(progress);
    SandboxSpec admitted;
    synchronized (this) {
      List<Map<String, String>> existing = new ArrayList<>();
      Set<String> names = new HashSet<>();
      for (Sandbox s : runtime.sandboxes()) {
        existing.add(s.spec().labels());
        names.add(s.name());
      }
      pending.forEach(
          (name, labels) -> {
            if (!names.contains(name)) {
              existing.add(labels);
            }
          });
      try {
        admitted = policy.sandboxes().admit(spec, owner, existing, policy.source());
      } catch (PolicyRefusedException e) {
        governance.refused(null, e);
        throw e;
      }
      pending.put(spec.name(), admitted.labels());
    }
    try {
      Sandbox sandbox = runtime.createSandbox(admitted, progress);
      governance.sandboxCreated(sandbox);
      return sandbox;
    } finally {
      synchronized (this) {
        pending.remove(spec.name());
      }
    }
  }
}
