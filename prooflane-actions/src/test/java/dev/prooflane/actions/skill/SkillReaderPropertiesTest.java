package dev.prooflane.actions.skill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.testing.HostileYaml;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.spec.KnownSpecBugs;
import dev.prooflane.model.spec.ReaderProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Any text given to {@link SkillReader} yields a valid skill or a {@link SpecException} whose every
 * problem is located in the file (a line, or a field path), in bounded time; never another
 * exception. Inputs whose outcome is a known, reported bug ({@link KnownSpecBugs}) are skipped,
 * never passed.
 */
class SkillReaderPropertiesTest {
  private static final Path FILE = Path.of("inline", "hostile.yaml");
  private static final Set<String> ACTIONS = ActionCatalog.builtIn().names();

  /** The skills of the shop example: valid, and the seeds of the broken files. */
  private static final List<String> EXAMPLES =
      HostileYaml.yamlFiles(HostileYaml.repoFile("examples/shop/skills"));

  @Test
  void readsAnySkillOrLocatesEveryProblem() {
    ReaderProperty.check(
            1000,
            HostileYaml.skillFile(EXAMPLES),
            FILE.toString(),
            SkillReaderPropertiesTest::parse,
            (text, skill) -> {
              assertThat(text).contains(skill.name());
              assertThat(skill.file()).isEqualTo(FILE);
              assertThat(skill.steps())
                  .isNotEmpty()
                  .allSatisfy(step -> assertThat(ACTIONS).contains(step.action()));
            })
        .assertOccurred(ReaderProperty.READ, ReaderProperty.LOCATED);
  }

  @Test
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
