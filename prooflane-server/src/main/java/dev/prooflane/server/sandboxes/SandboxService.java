package dev.prooflane.server.sandboxes;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.policy.Policy;
import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.actions.policy.SandboxQuota;
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
 * The daemon's sandboxes, the only way it creates or deletes one: a creation is admitted by the
 * policy's {@code sandboxes:} quota (creations under way count) and owned by its caller; only the
 * owner or a {@code policy:admin} caller deletes a sandbox; every creation, refusal, deletion and
 * expiry is recorded in the audit log. Thread-safe.
 */
public final class SandboxService {
  /** The rule that lets only a sandbox's owner (or a {@code policy:admin} caller) delete it. */
  public static final String OWNER_RULE = "sandboxes.owner";

  private final LocalRuntime runtime;
  private final Governance governance;
  private final Map<String, Map<String, String>> pending = new HashMap<>();

  private SandboxService(LocalRuntime runtime, Governance governance) {
    this.runtime = requireNonNull(runtime, "runtime");
    this.governance = requireNonNull(governance, "governance");
  }

  /**
   * The sandboxes of {@code runtime} under {@code governance}; records each sandbox whose TTL runs
   * out from now on, and at once those the runtime found expired when it started.
   */
  public static SandboxService of(LocalRuntime runtime, Governance governance) {
    SandboxService service = new SandboxService(runtime, governance);
    runtime.onSandboxExpired(service::expired);
    return service;
  }

  /** Every sandbox, by name. */
  public List<Sandbox> list() {
    return runtime.sandboxes();
  }

  /**
   * The sandbox named {@code name}.
   *
   * @throws dev.prooflane.model.NotFoundException naming the sandboxes there are
   */
  public Sandbox get(String name) {
    return runtime.sandbox(name);
  }

  /**
   * Creates {@code spec} for {@code caller}, who owns it (whatever its labels said).
   *
   * @throws PolicyRefusedException when the quota refuses it (recorded in the audit log)
   */
  public Sandbox create(SandboxSpec spec, Caller caller, Consumer<String> progress) {
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
        admitted = policy.sandboxes().admit(spec, caller.name(), existing, policy.source());
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

  /**
   * Deletes the sandbox {@code name} for {@code caller}: its owner may, and a {@code policy:admin}
   * caller; no other.
   *
   * @throws PolicyRefusedException under {@link #OWNER_RULE} when {@code caller} may not (recorded
   *     in the audit log)
   * @throws dev.prooflane.model.NotFoundException when there is no such sandbox
   */
  public void delete(String name, Caller caller) {
    String owner = runtime.sandbox(name).spec().labels().get(SandboxQuota.OWNER_LABEL);
    if (owner != null && !owner.equals(caller.name()) && !caller.admin()) {
      PolicyRefusedException refused =
          new PolicyRefusedException(
              OWNER_RULE,
              "sandbox '"
                  + name
                  + "' belongs to '"
                  + owner
                  + "', not to '"
                  + caller.name()
                  + "'; ask its owner, or delete it with a policy:admin token");
      governance.refused(null, refused);
      throw refused;
    }
    runtime.deleteSandbox(name);
    governance.sandboxDeleted(name, caller.name());
  }

  private void expired(Sandbox sandbox) {
    governance.sandboxExpired(sandbox);
  }
}
