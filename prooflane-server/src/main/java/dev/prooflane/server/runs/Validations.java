package dev.prooflane.server.runs;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.actions.skill.SkillInput;
import dev.prooflane.model.NotFoundException;
import dev.prooflane.model.ProoflaneException;
import dev.prooflane.model.Sandbox;
import dev.prooflane.model.SandboxSpec;
import dev.prooflane.server.audit.Governance;
import dev.prooflane.server.json.RunView;
import dev.prooflane.server.sandboxes.Caller;
import dev.prooflane.server.sandboxes.SandboxService;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The whole loop in one call: create a sandbox for a change, run skills, report, delete it. */
public final class Validations {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Runs runs;
  private final SandboxService sandboxes;
  private final Governance governance;
  private final Map<String, ValidationRecord> records = new ConcurrentHashMap<>();
  private final ExecutorService executor;

  /** Validations that create and delete their sandboxes through {@code sandboxes}. */
  public Validations(Runs runs, SandboxService sandboxes, Governance governance) {
    this.runs = requireNonNull(runs, "runs");
    this.sandboxes = requireNonNull(sandboxes, "sandboxes");
    this.governance = requireNonNull(governance, "governance");
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "prooflane-validation-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * What to validate.
   *
   * @param sandbox the sandbox to create (its name may be empty: {@code validate-<random>} is used)
   * @param skills skill names to run; empty runs every skill of the catalog (with {@code
   *     skillDirs})
   * @param skillDirs extra skill folders
   * @param inputs inputs given to each skill that declares them
   * @param keep keep the sandbox afterwards
   * @param caller who asks: the sandbox is theirs and counts against their quota
   */
  public record Request(
      SandboxSpec sandbox,
      List<String> skills,
      List<Path> skillDirs,
      Map<String, Object> inputs,
      boolean keep,
      Caller caller) {}

  /**
   * The outcome.
   *
   * @param sandbox the sandbox's name
   * @param routingKey its key
   * @param readyMillis create → routable
   * @param verdict PASS when every run passed; FAIL when one failed; else INCONCLUSIVE or ERROR
   * @param runs every run
   * @param kept whether the sandbox was kept
   */
  public record Outcome(
      String sandbox,
      String routingKey,
      long readyMillis,
      String verdict,
      List<RunView> runs,
      boolean kept) {}

  /** A fresh sandbox name for a validation. */
  public static String newName() {
    return "validate-" + Long.toString(Math.abs(RANDOM.nextLong()), 36).substring(0, 6);
  }

  /**
   * Validates {@code request} and answers once its sandbox is deleted (or kept). Problems found
   * before anything starts (unknown skill, refused by the policy) and a sandbox that does not come
   * up throw, as the API answers them.
   */
  public Outcome validate(Request request, Consumer<String> progress) {
    return await(start(request, progress));
  }

  /**
   * Starts validating {@code request} and answers its record at once; {@code progress} sees each
   * line from another thread. Problems found before anything starts throw here.
   */
  public ValidationRecord start(Request request, Consumer<String> progress) {
    requireNonNull(progress, "progress");
    SkillCatalog catalog = runs.skills(request.skillDirs());
    List<String> names = skillNames(request, catalog);
    names.forEach(catalog::get);
    dev.prooflane.actions.policy.Policy policy = governance.policy(progress);
    names.forEach(n -> runs.admitSkill(catalog.get(n), policy));
    ValidationRecord record =
        new ValidationRecord(
            UUID.randomUUID().toString(), request.sandbox().name(), java.time.Instant.now());
    records.put(record.id(), record);
    Consumer<String> both =
        line -> {
          record.progress(line);
          progress.accept(line);
        };
    executor.submit(
        () -> {
          try {
            record.done(run(record, request, catalog, names, both));
          } catch (RuntimeException e) {
            record.failed(e);
          }
        });
    return record;
  }

  /**
   * The outcome of {@code record} once it has ended.
   *
   * @throws RuntimeException what stopped the validation (as {@link #validate} throws it)
   */
  public static Outcome await(ValidationRecord record) {
    try {
      return record.outcome().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ProoflaneException("validation " + record.id() + " failed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProoflaneException("interrupted while waiting for validation " + record.id(), e);
    }
  }

  /**
   * The validation {@code id}.
   *
   * @throws NotFoundException when there is no such validation
   */
  public ValidationRecord get(String id) {
    ValidationRecord record = records.get(id);
    if (record == null) {
      throw new NotFoundException("validation", id, "ids come from POST /api/v1/validations");
    }
    return record;
  }

  /** Every validation of this daemon, oldest first. */
  public List<ValidationRecord> list() {
    return records.values().stream()
        .sorted(java.util.Comparator.comparing(ValidationRecord::createdAt))
        .toList();
  }

  /** The views of the runs of {@code record} so far. */
  public List<RunView> runsOf(ValidationRecord record) {
    return record.runViews(runs);
  }

  /**
   * Cancels the validation {@code id} for {@code by} (a token's name): no further skill starts, the
   * run under way is cancelled, and its sandbox is deleted even when it was to be kept; it ends
   * CANCELLED with the verdict ERROR, audited. Nothing happens to a validation that has ended.
   *
   * @param reason why, in the caller's words, or null
   * @throws NotFoundException when there is no such validation
   */
  public ValidationRecord cancel(String id, String by, String reason) {
    ValidationRecord record = get(id);
    String run = record.cancel(Runs.cancellation(by, reason));
    if (run != null) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("validationId", id);
      details.put("sandbox", record.sandbox());
      details.put("by", by);
      details.put("reason", reason);
      governance.record("validation.cancelled", details);
      if (!run.isEmpty()) {
        runs.cancel(run, by, reason);
      }
    }
    return record;
  }

  private static List<String> skillNames(Request request, SkillCatalog catalog) {
    List<String> names = new ArrayList<>(request.skills());
    if (names.isEmpty()) {
      if (!request.skillDirs().isEmpty()) {
        List<Path> dirs =
            request.skillDirs().stream().map(p -> p.toAbsolutePath().normalize()).toList();
        catalog.all().stream()
            .filter(s -> dirs.stream().anyMatch(d -> s.file().toAbsolutePath().startsWith(d)))
            .forEach(s -> names.add(s.name()));
      } else {
        catalog.all().forEach(s -> names.add(s.name()));
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "skills: none to run (name skills, or add skill files to the environment; see docs/skills.md)");
    }
    return names;
  }

  private Outcome run(
      ValidationRecord record,
      Request request,
      SkillCatalog catalog,
      List<String> names,
      Consumer<String> progress) {
    long start = System.nanoTime();
    Sandbox sandbox = sandboxes.create(request.sandbox(), request.caller(), progress);
    long readyMillis = (System.nanoTime() - start) / 1_000_000;
    record.ready(sandbox.routingKey().value(), readyMillis);
    List<RunView> views = new ArrayList<>();
    try {
      for (String name : new LinkedHashSet<>(names)) {
        if (record.cancelled()) {
          break;
        }
        Skill skill = catalog.get(name);
        progress.accept("running skill " + name + " against sandbox " + sandbox.name());
        RunRecord run =
            runs.start(
                new RunRequest(
                    name, Optional.of(sandbox.name()), inputsFor(skill, request.inputs())),
                request.skillDirs(),
                line -> progress.accept("  " + line));
        record.running(run.id());
        if (record.cancelled()) {
          runs.cancel(run.id(), request.caller().name(), record.cancellation());
        }
        try {
          run.result().get(15, TimeUnit.MINUTES);
        } catch (Exception e) {
          // the record says how it ended
        }
        record.ranOut();
        views.add(RunView.of(run));
      }
    } finally {
      if (!request.keep() || record.cancelled()) {
        sandboxes.delete(sandbox.name(), request.caller());
        progress.accept("deleted sandbox " + sandbox.name());
      }
    }
    boolean cancelled = record.cancelled();
    if (cancelled) {
      progress.accept("validation " + record.id() + " " + record.cancellation());
    }
    return new Outcome(
        sandbox.name(),
        sandbox.routingKey().value(),
        readyMillis,
        cancelled ? "ERROR" : verdict(views),
        views,
        request.keep() && !cancelled);
  }

  private static Map<String, Object> inputsFor(Skill skill, Map<String, Object> given) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (SkillInput input : skill.inputs()) {
      if (given.containsKey(input.name())) {
        out.put(input.name(), given.get(input.name()));
      }
    }
    return out;
  }

  static String verdict(List<RunView> runs) {
    if (runs.stream().anyMatch(r -> "FAIL".equals(r.verdict()))) {
      return "FAIL";
    }
    if (runs.stream().allMatch(r -> "PASS".equals(r.verdict()))) {
      return "PASS";
    }
    return runs.stream().anyMatch(r -> "ERROR".equals(r.verdict()) || r.verdict() == null)
        ? "ERROR"
        : "INCONCLUSIVE";
  }
}
