package dev.prooflane.actions.engine;

import dev.prooflane.actions.core.CapturedLog;
import dev.prooflane.actions.core.Exchange;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.policy.Policy;
import dev.prooflane.actions.policy.Redactor;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.model.ConflictException;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.runtime.SandboxInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs skills: steps in their fixed order, each bounded by its timeout, against a sandbox or the
 * baseline. A run against a sandbox where any forked service received no keyed traffic is
 * INCONCLUSIVE, never PASS: the change was not (fully) exercised. Thread-safe: many runs may go on
 * at once.
 */
public final class SkillEngine implements AutoCloseable {
  private final ActionCatalog actions;
  private final SkillCatalog skills;
  private final RuntimeAccess runtime;
  private final EngineOptions options;
  private final Policy policy;
  private final ExecutorService workers;

  /** An engine under the default policy ({@link Policy#DEFAULT}). */
  public SkillEngine(
      ActionCatalog actions, SkillCatalog skills, RuntimeAccess runtime, EngineOptions options) {
    this(actions, skills, runtime, options, Policy.DEFAULT);
  }

  /**
   * An engine whose runs {@code policy} governs: every step and request is checked before it runs,
   * and every result is redacted.
   */
  public SkillEngine(
      ActionCatalog actions,
      SkillCatalog skills,
      RuntimeAccess runtime,
      EngineOptions options,
      Policy policy) {
    this.policy = java.util.Objects.requireNonNull(policy, "policy");
    this.actions = actions;
    this.skills = skills;
    this.runtime = runtime;
    this.options = options;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "prooflane-step-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  public ActionCatalog actions() {
    return actions;
  }

  public SkillCatalog skills() {
    return skills;
  }

  public RuntimeAccess runtime() {
    return runtime;
  }

  /**
   * Runs {@code request}. Bad requests (unknown skill or sandbox, a sandbox not READY, wrong
   * inputs) throw before anything runs; everything after that is in the result.
   */
  public RunResult run(RunRequest request, RunListener listener) {
    return run(UUID.randomUUID().toString(), request, listener);
  }

  /**
   * Checks {@code request} as {@link #run} would before running anything: the skill exists, the
   * sandbox exists and is READY, the inputs fit. Throws what {@code run} would.
   */
  public void check(RunRequest request) {
    Skill skill = skills.get(request.skill());
    request.sandbox().ifPresent(this::readySandbox);
    Inputs.resolve(skill, request.inputs());
  }

  /** Runs {@code request} under the id {@code runId} (the caller's, to follow it while it runs). */
  public RunResult run(String runId, RunRequest request, RunListener listener) {
    Skill skill = skills.get(request.skill());
    Optional<SandboxInfo> sandbox = request.sandbox().map(this::readySandbox);
    Map<String, Object> inputs = Inputs.resolve(skill, request.inputs());
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    Run run = new Run(this, runId, sandbox, listener);
    SkillFrame.Result frame = new SkillFrame(run, skill, "", 0).run(inputs);
    Coverage coverage =
        sandbox.map(s -> Coverage.measure(runtime, s, run.hopCursor())).orElse(null);
    Exchange control = sandbox.isPresent() ? ControlRequest.send(run, frame.steps()) : null;
    List<CapturedLog> forkLogs = sandbox.map(run.logs()::forkLogs).orElse(List.of());
    Verdict verdict = RunVerdict.of(frame.steps(), coverage);
    String message = RunVerdict.message(verdict, frame.steps(), coverage, sandbox);
    return redacted(
        new RunResult(
            runId,
            startedAt,
            (System.nanoTime() - start) / 1_000_000,
            new RunResult.SkillRef(
                skill.name(), skill.version(), skill.digest(), skills.reportPath(skill.name())),
            new RunResult.Target(
                runtime.environment(),
                sandbox.map(SandboxInfo::name).orElse(null),
                sandbox.map(s -> s.key().value()).orElse(null),
                sandbox.map(SandboxInfo::forkedServices).orElse(List.of())),
            inputs,
            frame.steps(),
            frame.outputs(),
            verdict,
            message,
            coverage,
            control,
            forkLogs));
  }

  /** The run with the policy's redaction applied to everything it records. */
  @SuppressWarnings("unchecked")
  private RunResult redacted(RunResult r) {
    Redactor x = policy.redactor();
    return new RunResult(
        r.runId(),
        r.startedAt(),
        r.durationMillis(),
        r.skill(),
        r.target(),
        (Map<String, Object>) x.value(r.inputs()),
        r.steps().stream().map(x::step).toList(),
        (Map<String, Object>) x.value(r.outputs()),
        r.verdict(),
        x.text(r.message()),
        r.coverage(),
        x.exchange(r.control()),
        r.forkLogs().stream().map(x::log).toList());
  }

  private SandboxInfo readySandbox(String name) {
    SandboxInfo info =
        runtime
            .sandbox(name)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "sandbox", name, "create it first (prooflane sandbox create)"));
    if (!"READY".equals(info.phase())) {
      throw new ConflictException(
          "sandbox '"
              + name
              + "' is "
              + info.phase()
              + ", not READY (see: prooflane sandbox get "
              + name
              + ")");
    }
    return info;
  }

  ExecutorService workers() {
    return workers;
  }

  EngineOptions options() {
    return options;
  }

  /** The policy that governs this engine's runs. */
  public Policy policy() {
    return policy;
  }

  static List<StepResult> flatten(List<StepResult> steps) {
    List<StepResult> out = new ArrayList<>();
    for (StepResult s : steps) {
      out.add(s);
      out.addAll(flatten(s.children()));
    }
    return out;
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
