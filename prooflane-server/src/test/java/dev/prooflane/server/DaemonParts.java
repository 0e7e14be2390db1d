package dev.prooflane.server;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.policy.PolicyFile;
import dev.prooflane.local.LocalOptions;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.local.LocalRuntimeAccess;
import dev.prooflane.local.StateFolder;
import dev.prooflane.model.Environment;
import dev.prooflane.server.audit.AuditLog;
import dev.prooflane.server.audit.Governance;
import dev.prooflane.server.runs.Runs;
import dev.prooflane.server.runs.Validations;
import dev.prooflane.server.sandboxes.Caller;
import dev.prooflane.server.sandboxes.SandboxService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The daemon's parts over a real local runtime, wired as {@link Daemon} wires them but without the
 * API, for the tests of one part.
 */
public record DaemonParts(
    StateFolder state,
    LocalRuntime runtime,
    Governance governance,
    SandboxService sandboxes,
    Runs runs,
    Validations validations)
    implements AutoCloseable {

  /**
   * Starts {@code env} with state under {@code stateDir}, TTLs checked every {@code ttlCheck},
   * under the policy file {@code policy} (or the default).
   */
  public static DaemonParts start(
      Environment env, Path stateDir, Duration ttlCheck, Optional<Path> policy) {
    return start(env, stateDir, ttlCheck, policy, AuditLog.BeforeAppend.NONE);
  }

  /**
   * As {@link #start(Environment, Path, Duration, Optional)}, with {@code beforeAppend} run before
   * each audit record is written (a test makes it fail as a full disk would).
   */
  public static DaemonParts start(
      Environment env,
      Path stateDir,
      Duration ttlCheck,
      Optional<Path> policy,
      AuditLog.BeforeAppend beforeAppend) {
    StateFolder state = StateFolder.of(stateDir);
    LocalRuntime runtime =
        LocalRuntime.start(
            env,
            new LocalOptions(state, Clock.systemUTC(), Duration.ofSeconds(3), ttlCheck),
            line -> {});
    Governance governance =
        new Governance(
            PolicyFile.load(policy, ActionCatalog.builtIn().names()), state, beforeAppend);
    SandboxService sandboxes;
    try {
      sandboxes = SandboxService.of(runtime, governance);
    } catch (RuntimeException e) {
      governance.close();
      runtime.close();
      throw e;
    }
    Runs runs =
        new Runs(
            env,
            new LocalRuntimeAccess(runtime, text -> governance.redactor().text(text)),
            governance,
            state);
    return new DaemonParts(
        state, runtime, governance, sandboxes, runs, new Validations(runs, sandboxes, governance));
  }

  /** Deletes every sandbox, as a {@code policy:admin} caller. */
  public void deleteEverySandbox() {
    Caller admin = new Caller("admin", true);
    sandboxes.list().forEach(s -> sandboxes.delete(s.name(), admin));
  }

  @Override
  public void close() {
    runs.close();
    runtime.close();
    governance.close();
  }
}
