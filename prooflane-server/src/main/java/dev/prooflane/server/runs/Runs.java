package dev.prooflane.server.runs;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.engine.EngineOptions;
import dev.prooflane.actions.engine.RunListener;
import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.engine.RunResult;
import dev.prooflane.actions.engine.SkillEngine;
import dev.prooflane.actions.policy.Policy;
import dev.prooflane.actions.policy.PolicyRefusedException;
import dev.prooflane.actions.probe.Probe;
import dev.prooflane.actions.probe.ProbeResult;
import dev.prooflane.actions.report.Reports;
import dev.prooflane.actions.report.SigningKeys;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.actions.skill.SkillLibrary;
import dev.prooflane.local.StateFolder;
import dev.prooflane.model.Environment;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.runtime.RuntimeAccess;
import dev.prooflane.server.audit.Governance;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The daemon's skill runs: starts them on worker threads, follows them, and writes their signed
 * reports under {@code <stateDir>/runs/<id>/}.
 */
public final class Runs implements AutoCloseable {
  private final Supplier<Environment> environment;
  private final RuntimeAccess access;
  private final ActionCatalog actions = ActionCatalog.builtIn();
  private final SkillLibrary library = new SkillLibrary();
  private final Path runsDir;
  private final SigningKeys keys;
  private final Map<String, RunRecord> records = new ConcurrentHashMap<>();
  private final ExecutorService executor;
  private final Governance governance;
  private final AtomicInteger running = new AtomicInteger();

  /**
   * Runs the skills of {@code environment} against {@code access}, governed (policy, audit) by
   * {@code governance}, with their reports under {@code state}'s {@code runs/}, signed with the
   * keys in its {@code keys/}.
   */
  public Runs(
      Environment environment, RuntimeAccess access, Governance governance, StateFolder state) {
    this(constant(requireNonNull(environment, "environment")), access, governance, state);
  }

  /**
   * As {@link #Runs(Environment, RuntimeAccess, Governance, StateFolder)}, with the skills of the
   * environment {@code environment} returns at each run (it changes when the daemon applies another
   * environment file).
   */
  public Runs(
      Supplier<Environment> environment,
      RuntimeAccess access,
      Governance governance,
      StateFolder state) {
    this.environment = requireNonNull(environment, "environment");
    this.access = requireNonNull(access, "access");
    this.governance = requireNonNull(governance, "governance");
    this.runsDir = state.runs();
    this.keys = SigningKeys.loadOrCreate(state.keys());
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "prooflane-run-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  private static Supplier<Environment> constant(Environment environment) {
    return () -> environment;
  }

  public ActionCatalog actions() {
    return actions;
  }

  /**
   * The environment's skills, plus those in {@code extraDirs}, read now (so edits show at once);
   * reports name their files relative to the environment's folder.
   */
  public SkillCatalog skills(List<Path> extraDirs) {
    Environment environment = this.environment.get();
    List<Path> dirs = new ArrayList<>(environment.skillDirs());
    dirs.addAll(extraDirs);
    return library.catalog(environment.baseDir(), dirs, actions.names());
  }

  public Skill skill(String name) {
    return skills(List.of()).get(name);
  }

  /**
   * Starts a run; problems found before anything runs (unknown skill or sandbox, bad inputs,
   * invalid skill files) throw here. {@code progress} sees each step as it starts and ends.
   */
  public RunRecord start(RunRequest request, List<Path> extraDirs, Consumer<String> progress) {
    SkillCatalog catalog = skills(extraDirs);
    Policy policy = governance.policy(progress);
    admitSkill(catalog.get(request.skill()), policy);
    return start(request, catalog, progress, policy);
  }

  /**
   * Refuses (and audits) a skill the policy's {@code skills.allow} does not list.
   *
   * @throws PolicyRefusedException naming the rule and the fix
   */
  public void admitSkill(Skill skill, Policy policy) {
    try {
      policy.checkSkill(skill.name(), skill.labels());
    } catch (PolicyRefusedException e) {
      governance.refused(null, e);
      throw e;
    }
  }

  /**
   * Runs one action on its own (for exploration, such as an HTTP request into a sandbox with the
   * key injected), governed and recorded like any run: it is a run of a one-step skill.
   */
  public RunRecord startAction(
      String action,
      Optional<String> sandbox,
      Map<String, Object> with,
      Consumer<String> progress) {
    actions.get(action);
    Skill adhoc = AdhocSkill.of(action, with, runsDir);
    return start(
        new RunRequest(adhoc.name(), sandbox, Map.of()),
        SkillCatalog.of(List.of(adhoc)),
        progress,
        governance.policy(progress));
  }

  private RunRecord start(
      RunRequest request, SkillCatalog catalog, Consumer<String> progress, Policy policy) {
    SkillEngine engine = new SkillEngine(actions, catalog, access, EngineOptions.DEFAULT, policy);
    try {
      engine.check(request);
      admit(policy);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    String id = UUID.randomUUID().toString();
    RunRecord record = new RunRecord(id, request, Instant.now(), runsDir.resolve(id));
    records.put(id, record);
    Consumer<String> both =
        line -> {
          record.progress(line);
          progress.accept(line);
        };
    Skill skill = catalog.get(request.skill());
    governance.runStarted(id, skill, request);
    // The run's slot is given back before its record ends, so that whoever waited for the run may
    // start the next one at once.
    AtomicBoolean counted = new AtomicBoolean(true);
    Runnable release =
        () -> {
          if (counted.getAndSet(false)) {
            running.decrementAndGet();
          }
        };
    executor.submit(
        () -> {
          try (engine) {
            RunResult result =
                record.interruptibly(
                    () ->
                        engine.run(
                            id, request, record.shielded(governance.audited(id, listener(both)))));
            if (record.cancellation() != null) {
              result = cancelled(result, record.cancellation());
            }
            Reports.write(result, record.reportDir(), keys);
            both.accept("verdict " + result.verdict() + ": " + result.message());
            governance.runFinished(
                id,
                record.cancellation() != null ? "CANCELLED" : result.verdict().name(),
                result.message());
            release.run();
            record.result().complete(result);
          } catch (java.io.IOException e) {
            both.accept(
                "run failed: cannot write its reports to "
                    + record.reportDir()
                    + ": "
                    + e.getMessage());
            release.run();
            record.fail(
                "cannot write its reports to " + record.reportDir() + ": " + e.getMessage());
            governance.runFinished(id, "FAILED", e.getMessage());
          } catch (RuntimeException e) {
            String why =
                record.cancellation() != null
                    ? record.cancellation()
                    : String.valueOf(e.getMessage());
            both.accept("run failed: " + why);
            release.run();
            record.fail(why);
            governance.runFinished(id, record.cancellation() != null ? "CANCELLED" : "FAILED", why);
          } finally {
            release.run();
          }
        });
    return record;
  }

  /**
   * Probes {@code path} of {@code service}: one request with a throwaway key, followed hop by hop
   * (see {@link Probe}). It is no run: nothing is signed, and it needs no sandbox.
   */
  public ProbeResult probe(String service, String path) throws InterruptedException {
    return Probe.send(access, service, path);
  }

  /** Counts the run in, or refuses it past {@code limits.concurrentRuns}. */
  private void admit(Policy policy) {
    int limit = policy.limits().concurrentRuns();
    if (running.incrementAndGet() > limit) {
      running.decrementAndGet();
      PolicyRefusedException e =
          new PolicyRefusedException(
              "limits.concurrentRuns",
              limit
                  + " runs are going on already; wait for one to finish or raise"
                  + " limits.concurrentRuns in "
                  + policy.source());
      governance.refused(null, e);
      throw e;
    }
  }

  private static RunListener listener(Consumer<String> progress) {
    return new RunListener() {
      @Override
      public void stepStarted(String id, String action) {
        progress.accept("step " + id + " (" + action + ") ...");
      }

      @Override
      public void stepFinished(StepResult r) {
        progress.accept(
            "step "
                + r.id()
                + " "
                + r.verdict()
                + " in "
                + r.durationMillis()
                + " ms"
                + (r.message().isEmpty() ? "" : ": " + r.message()));
      }
    };
  }

  /**
   * Cancels the run {@code id} for {@code by} (a token's name): the step under way ends with ERROR,
   * no later step runs, and the run ends CANCELLED with the verdict ERROR and {@code reason} as its
   * message, reports written and audited. Nothing happens to a run that has ended.
   *
   * @param reason why, in the caller's words, or null
   * @throws NotFoundException when there is no such run
   */
  public RunRecord cancel(String id, String by, String reason) {
    RunRecord record = get(id);
    if (record.cancel(cancellation(by, reason))) {
      Map<String, Object> details = new java.util.LinkedHashMap<>();
      details.put("runId", id);
      details.put("by", by);
      details.put("reason", reason);
      governance.record("run.cancelled", details);
    }
    return record;
  }

  /** {@code cancelled by alice: the agent gave up}. */
  static String cancellation(String by, String reason) {
    return "cancelled by " + by + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
  }

  /** {@code result} of a cancelled run: ERROR, whatever its steps said, and why. */
  private static RunResult cancelled(RunResult result, String why) {
    return new RunResult(
        result.runId(),
        result.startedAt(),
        result.durationMillis(),
        result.skill(),
        result.target(),
        result.inputs(),
        result.steps(),
        result.outputs(),
        dev.prooflane.actions.core.Verdict.ERROR,
        why,
        result.coverage(),
        result.control(),
        result.forkLogs());
  }

  public RunRecord get(String id) {
    RunRecord r = records.get(id);
    if (r == null) {
      throw new NotFoundException("run", id, "see: GET /api/v1/runs");
    }
    return r;
  }

  public List<RunRecord> list() {
    return records.values().stream().sorted(Comparator.comparing(RunRecord::createdAt)).toList();
  }

  /** Stops the runs under way; the governance stays open for its owner to close. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
