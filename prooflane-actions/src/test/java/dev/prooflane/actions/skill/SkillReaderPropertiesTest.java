package dev.prooflane.actions.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.testing.HostileYaml;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.spec.KnownSpecBugs;
import dev.prooflane.model.spec.LocatedProblems;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Any text given to {@link SkillReader} yields a valid skill or a {@link SpecException} whose every
 * problem is located in the file (a line, or a field path), in bounded time; never another
 * exception. Inputs whose outcome is a known, reported bug ({@link KnownSpecBugs}) are skipped,
 * never passed.
 */
class SkillReaderPropertiesTest {
  private static final Path FILE = Path.of("inline", "hostile.yaml");
  private static final Set<String> ACTIONS = ActionCatalog.builtIn().names();
  private static final Duration CALL_BOUND = Duration.ofSeconds(5);

  /** The skills of the shop example: valid, and the seeds of the broken files. */
  private static final List<String> EXAMPLES =
      HostileYaml.yamlFiles(HostileYaml.repoFile("examples/shop/skills"));

  @Provide
  Arbitrary<String> skillFile() {
    return HostileYaml.skillFile(EXAMPLES);
  }

  @Property(tries = 1000, maxDiscardRatio = 10)
  void readsAnySkillOrLocatesEveryProblem(@ForAll("skillFile") String text) {
    try {
      Skill skill = assertTimeoutPreemptively(CALL_BOUND, () -> parse(text));

      assertThat(text).contains(skill.name());
      assertThat(skill.file()).isEqualTo(FILE);
      assertThat(skill.steps())
          .isNotEmpty()
          .allSatisfy(step -> assertThat(ACTIONS).contains(step.action()));
      Statistics.label("outcome").collect("skill");
    } catch (SpecException e) {
      Assume.that(!KnownSpecBugs.any(e));
      LocatedProblems.assertLocated(e, FILE.toString());
      Statistics.label("outcome").collect("located problems");
    }
    Statistics.label("outcome")
        .coverage(
            outcomes -> {
              outcomes.check("skill").count(n -> n > 0);
              outcomes.check("located problems").count(n -> n > 0);
            });
  }

  @Example
  void theShopExampleSkillsAreValid() {
    assertThat(EXAMPLES).hasSizeGreaterThanOrEqualTo(3);
    for (String text : EXAMPLES) {
      assertThat(parse(text).steps()).isNotEmpty();
    }
  }

  private static Skill parse(String text) {
    return SkillReader.parse(FILE, text, "sha256:test", ACTIONS);
  }
}
