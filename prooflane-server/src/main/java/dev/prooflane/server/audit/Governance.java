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
import dev.prooflane.local.store.Recovery;
import dev.prooflane.local.store.StateWriteException;
import dev.prooflane.model.Fork;
import dev.prooflane.model.Sandbox;
import dev.prooflane.server.auth.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The daemon's policy in force and its audit trail: reloads the policy file when it changed (a
 * broken edit keeps the last good policy and is reported), and records every run, executed action,
 * refusal, policy reload, sandbox and token change in the audit log, secrets redacted. A change and
 * its record succeed together: the record is written first, and a record that cannot be written
 * stops the change ({@link #change}). Thread-safe.
 */
public final class Governance implements AutoCloseable {
  /** Who the daemon acts for until API tokens exist. */
  public static final String ACTOR = "local";

  private final PolicyFile file;
  private final AuditLog audit;
  private volatile Policy current;
  private final AtomicReference<Secrets> secrets =
      new AtomicReference<>(new Secrets(List.of(), null, null));

  /** Goes by the policy in {@code file}, recording into the audit log of {@code state}. */
  public Governance(PolicyFile file, StateFolder state) {
    this(file, state, AuditLog.BeforeAppend.NONE);
  }

  /**
   * As {@link #Governance(PolicyFile, StateFolder)}, with {@code beforeAppend} run before each
   * record is written (tests make it fail as a full disk would).
   */
  public Governance(PolicyFile file, StateFolder state, AuditLog.BeforeAppend beforeAppend) {
    this.file = file;
    this.current = file.current().policy();
    this.audit = AuditLog.open(state, details -> redactor().value(details), beforeAppend);
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

  /**
   * The redaction of the policy in force, which also hides the secrets the daemon itself handed out
   * ({@link #redact}).
   */
  public Redactor redactor() {
    Redactor policy = current.redactor();
    Secrets known = secrets.get();
    if (known.patterns().isEmpty()) {
      return policy;
    }
    Redactor cached = known.redactor();
    if (cached != null && known.policy() == policy) {
      return cached;
    }
    List<Pattern> patterns = new ArrayList<>(policy.patterns());
    patterns.addAll(known.patterns());
    Redactor combined = new Redactor(policy.headers(), patterns);
    // kept unless a secret was added meanwhile (its redaction is made at the next call)
    secrets.compareAndSet(known, new Secrets(known.patterns(), policy, combined));
    return combined;
  }

  /**
   * Hides {@code secret} (such as the token the daemon gives its services) wherever {@link
   * #redactor} redacts: served logs, the audit log, the logs a run captures.
   */
  public void redact(String secret) {
    Pattern pattern = Pattern.compile(Pattern.quote(secret));
    secrets.updateAndGet(
        known -> {
          List<Pattern> patterns = new ArrayList<>(known.patterns());
          patterns.add(pattern);
          return new Secrets(patterns, null, null);
        });
  }

  /**
   * The secrets to hide, and the redaction last made of them with the policy's ({@code null} until
   * the first is made).
   */
  private record Secrets(List<Pattern> patterns, Redactor policy, Redactor redactor) {
    Secrets {
      patterns = List.copyOf(patterns);
    }
  }

  /**
   * Appends {@code event} with {@code details} (redacted) to the audit log.
   *
   * @return the record's seq
   * @throws StateWriteException when it cannot be written
   */
  public long record(String event, Map<String, Object> details) {
    return audit.record(ACTOR, event, details);
  }

  /** The last {@code limit} audit records {@code wanted} accepts (see {@link AuditLog#records}). */
  public AuditLog.Page auditRecords(
      java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> wanted, int limit) {
    return audit.records(wanted, limit);
  }

  /**
   * Records {@code event} with {@code details}, then makes {@code change}: when the record cannot
   * be written, the change is not made; when the change fails after its record was written, that is
   * recorded as {@code change.failed} naming the record's seq.
   *
   * @param undone what did not happen when the record cannot be written, such as {@code sandbox 'a'
   *     was not deleted}
   * @return what {@code change} returned
   * @throws StateWriteException when the record cannot be written (nothing changed)
   */
  public <T> T change(
      String event, Map<String, Object> details, String undone, Supplier<T> change) {
    long seq;
    try {
      seq = record(event, details);
    } catch (StateWriteException e) {
      throw e.because(undone);
    }
    try {
      return change.get();
    } catch (RuntimeException e) {
      changeFailed(seq, event, details, e);
      throw e;
    }
  }

  /**
   * Records that the change of record {@code seq} ({@code event} with {@code details}) failed after
   * it was recorded; a failure to write this too is added to {@code failure}.
   */
  public void changeFailed(
      long seq, String event, Map<String, Object> details, RuntimeException failure) {
    Map<String, Object> failed = new LinkedHashMap<>();
    failed.put("seq", seq);
    failed.put("event", event);
    failed.put("sandbox", details.get("sandbox"));
    failed.put("token", details.get("id"));
    failed.put("error", failure.getMessage());
    try {
      record("change.failed", failed);
    } catch (StateWriteException again) {
      failure.addSuppressed(again);
    }
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

  /**
   * Records that {@code sandbox} was created, with the command each fork runs ({@code commands}, by
   * service, placeholders resolved).
   *
   * @throws StateWriteException when it cannot be written
   */
  public void sandboxCreated(Sandbox sandbox, Map<String, List<String>> commands) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sandbox", sandbox.name());
    details.put("routingKey", sandbox.routingKey().value());
    details.put("forks", sandbox.spec().forks().stream().map(Fork::service).toList());
    details.put("commands", commands);
    details.put("phase", sandbox.phase().name());
    details.put("owner", sandbox.spec().labels().get(SandboxQuota.OWNER_LABEL));
    record("sandbox.created", details);
  }

  /**
   * Records that {@code by} (a token's name) deletes sandbox {@code name}, then runs {@code
   * delete}, as {@link #change} does.
   */
  public void sandboxDeleted(String name, String by, Runnable delete) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sandbox", name);
    details.put("by", by);
    change(
        "sandbox.deleted",
        details,
        "sandbox '" + name + "' was not deleted",
        () -> {
          delete.run();
          return name;
        });
  }

  /**
   * Records that {@code sandbox} is deleted because its TTL ran out.
   *
   * @return the record's seq
   * @throws StateWriteException when it cannot be written (the sandbox then stays)
   */
  public long sandboxExpired(Sandbox sandbox) {
    return record("sandbox.expired", expiry(sandbox));
  }

  /** The details of the {@code sandbox.expired} record of {@code sandbox}. */
  public static Map<String, Object> expiry(Sandbox sandbox) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("sandbox", sandbox.name());
    details.put(
        "ttl", sandbox.spec().ttl().map(dev.prooflane.model.Durations::format).orElse(null));
    details.put("expiresAt", sandbox.expiresAt().map(Object::toString).orElse(null));
    details.put("owner", sandbox.spec().labels().get(SandboxQuota.OWNER_LABEL));
    return details;
  }

  /** What the audit log keeps of a token that {@code by} created or revoked: never the secret. */
  public static Map<String, Object> token(Token token, String by) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("id", token.id());
    details.put("name", token.name());
    details.put("scopes", token.scopeNames());
    details.put("expiresAt", token.expiresAt() == null ? null : token.expiresAt().toString());
    details.put("by", by);
    return details;
  }

  /**
   * Records that the state database was found damaged and recovered from its backup.
   *
   * @return the sandbox events the audit log holds after the backup was taken: what the backup may
   *     miss
   */
  public List<String> stateRecovered(Recovery recovery) {
    List<String> after = audit.sandboxEventsAfter(recovery.backupTime());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("damaged", recovery.damaged().toString());
    details.put("cause", recovery.cause());
    details.put("backup", recovery.backup().toString());
    details.put("backupTime", recovery.backupTime().toString());
    details.put("recovered", recovery.recovered());
    details.put("lost", recovery.lost());
    details.put("auditedAfterBackup", after);
    record("state.recovered", details);
    return after;
  }

  @Override
  public void close() {
    audit.close();
  }
}
