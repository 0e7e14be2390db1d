package dev.prooflane.server.audit;

import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.engine.RunListener;
import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.policy.Policy;
import dev.prooflane.actions.policy.PolicyFile;
import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.actions.policy.Redactor;
import dev.prooflane.actions.policy.SandboxQuota;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.local.StateFolder;
import dev.prooflane.model.Fork;
import dev.prooflane.model.Sandbox;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The daemon's policy in force and its audit trail: reloads the policy file when it changed (a
 * broken edit keeps the last good policy and is reported), and records every run, executed action,
 * refusal, policy reload and sandbox change in the audit log, secrets redacted. Thread-safe.
 */
public final class Governance implements AutoCloseable {
  /** Who the daemon acts for until API tokens exist. */
  public static final String ACTOR = "local";

  private final PolicyFile file;
  private final AuditLog audit;
  private volatile Policy current;

  /** Goes by the policy in {@code file}, recording into the audit log of {@code state}. */
  public Governance(PolicyFile file, StateFolder state) {
    this.file = file;
    this.current = file.current().policy();
    this.audit = AuditLog.open(state, details -> current.redactor().value(details));
  }

  /**
   * The policy for a run starting now, read again if its file changed; a broken edit is reported to
   * {@code progress}, the daemon log and the audit log, and the last good policy stays.
   */
  public Policy policy(Consumer<String> progress) {
    PolicyFile.Loaded loaded = file.current();
    current = loaded.policy();
    if (loaded.changed()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("file", String.valueOf(file.file().orElse(null)));
      details.put("ok", loaded.problem().isEmpty());
      loaded.problem().ifPresent(p -> details.put("problem", p));
      audit.record(ACTOR, "policy.reloaded", details);
      System.err.println(
          "prooflane: "
              + loaded.problem().orElse("policy " + file.file().orElseThrow() + " reloaded"));
    }
    loaded.problem().ifPresent(p -> progress.accept("warning: " + p));
    return current;
  }

  /** The redaction of the policy in force. */
  public Redactor redactor() {
    return current.redactor();
  }

  /** Appends {@code event} with {@code details} (redacted) to the audit log. */
  public void record(String event, Map<String, Object> details) {
    audit.record(ACTOR, event, details);
  }

  /** Records a refusal; {@code runId} is null when the run was refused before it started. */
  public void refused(String runId, PolicyRefusedException e) {
    refused(runId, null, e.rule(), e.getMessage());
  }

  private void refused(String runId, String step, String rule, String message) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("runId", runId);
    details.put("step", step);
    details.put("rule", rule);
    details.put("message", message);
    record("policy.refused", details);
  }

  public void runStarted(String runId, Skill skill, RunRequest request) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("runId", runId);
    details.put("skill", skill.name());
    details.put("digest", skill.digest());
    details.put("sandbox", request.sandbox().orElse(null));
    details.put("inputs", request.inputs());
    details.put("policy", current.source());
    record("run.started", details);
  }

  public void runFinished(String runId, String verdict, String message) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("runId", runId);
    details.put("verdict", verdict);
    details.put("message", message);
    record("run.finished", details);
  }

  /** {@code inner}, plus an audit record per executed step and per refusal. */
  public RunListener audited(String runId, RunListener inner) {
    return new RunListener() {
      @Override
      public void stepStarted(String id, String action) {
        inner.stepStarted(id, action);
      }

      @Override
      public void stepFinished(StepResult r) {
        inner.stepFinished(r);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("runId", runId);
        details.put("step", r.id());
        details.put("action", r.action());
        details.put("verdict", r.verdict().name());
        details.put("message", r.message());
        details.put("durationMillis", r.durationMillis());
        List<String> requests = new ArrayList<>();
        for (Exchange e : r.exchanges()) {
          requests.add(
              e.method() + " " + e.url() + " -> " + e.status() + (e.keyed() ? " (keyed)" : ""));
        }
        details.put("requests", requests);
        record("action.executed", details);
      }

      @Override
      public void policyRefused(String stepId, String rule, String message) {
        inner.policyRefused(stepId, rule, message);
        refused(runId, stepId, rule, message);
      }
    };
  }

  public void sandboxCreated(Sandbox sandbox) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sandbox", sandbox.name());
    details.put("routingKey", sandbox.routingKey().value());
    details.put("forks", sandbox.spec().forks().stream().map(Fork::service).toList());
    details.put("phase", sandbox.phase().name());
    details.put("owner", sandbox.spec().labels().get(SandboxQuota.OWNER_LABEL));
    record("sandbox.created", details);
  }

  /** Records that {@code by} (a token's name) deleted sandbox {@code name}. */
  public void sandboxDeleted(String name, String by) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sandbox", name);
    details.put("by", by);
    record("sandbox.deleted", details);
  }

  /** Records that {@code sandbox} was deleted because its TTL ran out. */
  public void sandboxExpired(Sandbox sandbox) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sandbox", sandbox.name());
    details.put(
        "ttl", sandbox.spec().ttl().map(dev.prooflane.model.Durations::format).orElse(null));
    details.put("expiresAt", sandbox.expiresAt().map(Object::toString).orElse(null));
    details.put("owner", sandbox.spec().labels().get(SandboxQuota.OWNER_LABEL));
    record("sandbox.expired", details);
  }

  @Override
  public void close() {
    audit.close();
  }
}
