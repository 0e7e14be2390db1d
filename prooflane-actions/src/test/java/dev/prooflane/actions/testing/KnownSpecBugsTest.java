package dev.prooflane.actions.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.actions.policy.PolicyReader;
import dev.prooflane.actions.skill.SkillReader;
import dev.prooflane.model.SpecException;
import dev.prooflane.model.spec.KnownSpecBugs;
import java.nio.file.Path;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One reproducer per bug in {@link KnownSpecBugs}, asserting today's wrong behaviour through both
 * readers. When one of these fails, the bug was fixed: delete the reproducer and its case in {@link
 * KnownSpecBugs}, so the properties check that input class again.
 */
class KnownSpecBugsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a0: &a0 [x, x]\na1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\n"
            + "a2: [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\n",
        "\uFFFF",
        "name: \uD800"
      })
  void readersReportSomeYamlErrorsAtLineZero(String text) {
    assertUnmarked(() -> PolicyReader.parse("policy.yaml", text, ActionCatalog.builtIn().names()));
    assertUnmarked(
        () ->
            SkillReader.parse(
                Path.of("inline", "x.yaml"), text, "sha256:test", ActionCatalog.builtIn().names()));
  }

  private static void assertUnmarked(Executable read) {
    assertThatThrownBy(read::execute)
        .isInstanceOf(SpecException.class)
        .satisfies(e -> assertThat(KnownSpecBugs.any((SpecException) e)).isTrue());
  }
}
