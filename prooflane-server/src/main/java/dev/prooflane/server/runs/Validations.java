package dev.prooflane.server.runs;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.engine.RunRequest;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.actions.skill.SkillInput;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The whole loop in one call: create a sandbox for a change, run skills, report, delete it. */
public final class Validations {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Runs runs;
  private final SandboxService sandboxes;
  private final Governance governance;

  /** Validations that create and delete their sandboxes through {@code sandboxes}. */
  public Validations(Runs runs, SandboxService sandboxes, Governance governance) {
    this.runs = requireNonNull(runs, "runs");
    this.sandboxes = requireNonNull(sandboxes, "sandboxes");
    this.governance = requireNonNull(governance, "governance");
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

  public Outcome validate(Request request, Consumer<String> progress) {
    SkillCatalog catalog = runs.skills(request.skillDirs());
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
    names.forEach(catalog::get);
    dev.prooflane.actions.policy.Policy policy = governance.policy(progress);
    names.forEach(n -> runs.admitSkill(catalog.get(n), policy));
    long start = System.nanoTime();
    Sandbox sandbox = sandboxes.create(request.sandbox(), request.caller(), progress);
    long readyMillis = (System.nanoTime() - start) / 1_000_000;
    List<RunView> views = new ArrayList<>();
    try {
      for (String name : new LinkedHashSet<>(names)) {
        Skill skill = catalog.get(name);
        progress.accept("running skill " + name + " against sandbox " + sandbox.name());
        RunRecord record =
            runs.start(
                new RunRequest(
                    name, Optional.of(sandbox.name()), inputsFor(skill, request.inputs())),
                request.skillDirs(),
                line -> progress.accept("  " + line));
        try {
          record.result().get(15, TimeUnit.MINUTES);
        } catch (Exception e) {
          // the record says how it ended
        }
        views.add(RunView.of(record));
      }
    } finally {
      if (!request.keep()) {
        sandboxes.delete(sandbox.name(), request.caller());
        progress.accept("deleted sandbox " + sandbox.name());
      }
    }
    return new Outcome(
        sandbox.name(),
        sandbox.routingKey().value(),
        readyMillis,
        verdict(views),
        views,
        request.keep());
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
