package dev.prooflane.server.baseline;

import static java.util.Objects.requireNonNull;

import dev.prooflane.local.EnvironmentChange;
import dev.prooflane.local.LocalRuntime;
import dev.prooflane.local.ServiceRestart;
import dev.prooflane.model.Environment;
import dev.prooflane.model.spec.EnvironmentReader;
import dev.prooflane.server.audit.Governance;
import dev.prooflane.server.sandboxes.Caller;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The daemon's changes to its running baseline, the only way it restarts a service or applies an
 * environment file: the API lets only {@code policy:admin} callers ask, and every attempt is
 * recorded in the audit log ({@code service.restarted}, {@code environment.applied}), with {@code
 * ok: false} and the reason when it did not take effect. Thread-safe; one change at a time.
 */
public final class BaselineService {
  private final LocalRuntime runtime;
  private final Governance governance;
  private final Consumer<Environment> onApplied;

  /**
   * Changes the baseline of {@code runtime}, recording into {@code governance}'s audit log; {@code
   * onApplied} hears each environment put in force.
   */
  public BaselineService(
      LocalRuntime runtime, Governance governance, Consumer<Environment> onApplied) {
    this.runtime = requireNonNull(runtime, "runtime");
    this.governance = requireNonNull(governance, "governance");
    this.onApplied = requireNonNull(onApplied, "onApplied");
  }

  /**
   * Restarts the baseline instance of {@code service} for {@code caller}: see {@link
   * LocalRuntime#restartService}.
   */
  public ServiceRestart restart(String service, Caller caller, Consumer<String> progress) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("service", service);
    details.put("by", caller.name());
    return audited(
        "service.restarted",
        details,
        () -> runtime.restartService(service, progress),
        restart -> {
          details.put("oldPid", restart.oldPid());
          details.put("newPid", restart.newPid());
          details.put("millis", restart.millis());
        });
  }

  /**
   * Reads the environment file {@code file} (an absolute path on the daemon's machine; the one in
   * force when null) and applies it for {@code caller}: see {@link LocalRuntime#apply}. A file with
   * problems is refused with each one located, and nothing changes.
   *
   * @throws IllegalArgumentException when {@code file} is not absolute
   */
  public EnvironmentChange apply(String file, Caller caller, Consumer<String> progress) {
    Path path = file == null ? runtime.environment().file() : Path.of(file);
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException(
          "file: '"
              + file
              + "' (expected: an absolute path; the daemon reads it from its own disk, whatever"
              + " its working directory)");
    }
    Path normalized = path.normalize();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("file", normalized.toString());
    details.put("by", caller.name());
    return audited(
        "environment.applied",
        details,
        () -> {
          Environment next = EnvironmentReader.read(normalized);
          EnvironmentChange change = runtime.apply(next, progress);
          onApplied.accept(next);
          return change;
        },
        change -> {
          details.put("changed", change.changed());
          details.put("added", change.added());
          details.put("removed", change.removed());
          details.put("settings", change.settings());
        });
  }

  /**
   * Does {@code change} and records {@code event} with {@code details}: {@code ok: true} and what
   * {@code outcome} adds, or {@code ok: false} and the failure's message (which propagates).
   */
  private <T> T audited(
      String event, Map<String, Object> details, Supplier<T> change, Consumer<T> outcome) {
    T result;
    try {
      result = change.get();
    } catch (RuntimeException e) {
      details.put("ok", false);
      details.put("message", e.getMessage());
      governance.record(event, details);
      throw e;
    }
    details.put("ok", true);
    outcome.accept(result);
    governance.record(event, details);
    return result;
  }
}
