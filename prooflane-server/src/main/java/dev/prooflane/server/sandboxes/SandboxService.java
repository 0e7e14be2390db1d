package dev.prooflane.server.sandboxes;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.policy.PlannedFork;
import dev.prooflane.actions.policy.Policy;
import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.actions.policy.SandboxQuota;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.local.store.StateWriteException;
import dev.prooflane.model.ConflictException;
import dev.prooflane.model.Environment;
import dev.prooflane.model.Fork;
import dev.prooflane.model.RoutingKey;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxPhase;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.server.audit.Governance;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The daemon's sandboxes, the only way it creates or deletes one: a creation is admitted by the
 * policy's {@code sandboxes:} quota (creations under way count) and its {@code forks:} rules (a
 * command of the fork's own needs {@code sandbox:exec}), and owned by its caller; only the owner or
 * a {@code policy:admin} caller deletes a sandbox; every creation (with each fork's command),
 * refusal, deletion and expiry is recorded in the audit log, and a change whose record cannot be
 * written is not made. Thread-safe.
 */
public final class SandboxService {
  /** The rule that lets only a sandbox's owner (or a {@code policy:admin} caller) delete it. */
  public static final String OWNER_RULE = "sandboxes.owner";

  private final LocalRuntime runtime;
  private final Governance governance;
  private final Map<String, Map<String, String>> pending = new HashMap<>();
  private final Map<String, Long> expiring = new ConcurrentHashMap<>();

  private SandboxService(LocalRuntime runtime, Governance governance) {
    this.runtime = requireNonNull(runtime, "runtime");
    this.governance = requireNonNull(governance, "governance");
  }

  /**
   * The sandboxes of {@code runtime} under {@code governance}; records each sandbox whose TTL runs
   * out from now on before it is deleted, and at once those the runtime found expired when it
   * started.
   *
   * @throws StateWriteException when an expiry found at start cannot be recorded
   */
  public static SandboxService of(LocalRuntime runtime, Governance governance) {
    SandboxService service = new SandboxService(runtime, governance);
    runtime.onSandboxExpired(service::expiring, service::expiryFailed);
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
   * The routing key of the sandbox named {@code name}, without reading its forks' state or its
   * branches' sizes (which {@link #get} does): cheap enough for the event loop.
   *
   * @throws dev.prooflane.model.NotFoundException naming the sandboxes there are, as {@link #get}
   *     does
   */
  public RoutingKey routingKey(String name) {
    return runtime.sandboxKey(name);
  }

  /**
   * Creates {@code spec} for {@code caller}, who owns it (whatever its labels said).
   *
   * @throws PolicyRefusedException when the fork rules or the quota refuse it (recorded in the
   *     audit log)
   * @throws StateWriteException when its record cannot be written to the audit log: the sandbox is
   *     then undone
   */
  public Sandbox create(SandboxSpec spec, Caller caller, Consumer<String> progress) {
    Policy policy = governance.policy(progress);
    admitForks(spec, caller, policy);
    SandboxSpec admitted;
    synchronized (this) {
      // the labels alone: the views of every sandbox (its forks' state, its branches' sizes) would
      // make each creation cost as much as there are sandboxes
      Map<String, Map<String, String>> known = runtime.sandboxLabels();
      List<Map<String, String>> existing = new ArrayList<>(known.values());
      pending.forEach(
          (name, labels) -> {
            if (!known.containsKey(name)) {
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
      try {
        governance.sandboxCreated(sandbox, runtime.forkCommands(sandbox.name()));
      } catch (StateWriteException e) {
        throw undo(sandbox, e);
      }
      return sandbox;
    } finally {
      synchronized (this) {
        pending.remove(spec.name());
      }
    }
  }

  /** Refuses a fork that changes more than the policy's {@code forks:} rules let the caller. */
  private void admitForks(SandboxSpec spec, Caller caller, Policy policy) {
    Environment env = runtime.environment();
    List<Fork> forks = spec.forks();
    for (int i = 0; i < forks.size(); i++) {
      Fork fork = forks.get(i);
      if (!env.services().containsKey(fork.service())) {
        continue; // the runtime refuses it, naming the services there are
      }
      Optional<java.nio.file.Path> artifact =
          fork.artifact()
              .map(a -> PlannedFork.realPath(env.service(fork.service()).workdir().resolve(a)));
      PlannedFork planned = new PlannedFork(i, fork, runtime.forkCommand(spec, fork), artifact);
      try {
        policy.forks().admit(planned, env.baseDir(), caller.exec(), caller.name(), policy.source());
      } catch (PolicyRefusedException e) {
        governance.refused(null, e);
        throw e;
      }
    }
  }

  /** Stops a sandbox whose creation could not be recorded; the failure says what remains. */
  private StateWriteException undo(Sandbox sandbox, StateWriteException cause) {
    try {
      runtime.discardSandbox(sandbox.name());
      return cause.because("sandbox '" + sandbox.name() + "' was not created (it was undone)");
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      return cause.because(
          "sandbox '"
              + sandbox.name()
              + "' was stopped, but its record could not be deleted either ("
              + e.getMessage()
              + "); delete it once there is room: prooflane sandbox delete "
              + sandbox.name());
    }
  }

  /**
   * Deletes the sandbox {@code name} for {@code caller}: its owner may, and a {@code policy:admin}
   * caller; no other.
   *
   * @throws PolicyRefusedException under {@link #OWNER_RULE} when {@code caller} may not (recorded
   *     in the audit log)
   * @throws dev.prooflane.model.NotFoundException when there is no such sandbox
   * @throws StateWriteException when the deletion cannot be recorded or its record deleted: then
   *     the sandbox is as it was
   */
  public void delete(String name, Caller caller) {
    Sandbox sandbox = runtime.sandbox(name);
    String owner = sandbox.spec().labels().get(SandboxQuota.OWNER_LABEL);
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
    if (sandbox.phase() == SandboxPhase.DELETING) {
      return; // being deleted already (its TTL ran out, or another request): nothing to record
    }
    if (sandbox.phase() == SandboxPhase.STARTING) {
      // refused before anything is recorded: the audit log shows no deletion that did not happen
      throw new ConflictException(
          "sandbox '" + name + "' is still starting (retry when it is READY or FAILED)");
    }
    governance.sandboxDeleted(name, caller.name(), () -> runtime.deleteSandbox(name));
  }

  /** Records the expiry of {@code sandbox} before the runtime deletes it; throws to keep it. */
  private void expiring(Sandbox sandbox) {
    Set<String> live = runtime.sandboxLabels().keySet();
    expiring.keySet().retainAll(live); // those deleted since need no failure record any more
    expiring.put(sandbox.name(), governance.sandboxExpired(sandbox));
  }

  private void expiryFailed(Sandbox sandbox, RuntimeException e) {
    Long seq = expiring.remove(sandbox.name());
    if (seq != null) {
      governance.changeFailed(seq, "sandbox.expired", Governance.expiry(sandbox), e);
    }
  }
}
