package dev.prooflane.actions.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.prooflane.actions.engine.ActionCatalog;
import dev.prooflane.model.SpecException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Regressions found by {@link SkillReaderPropertiesTest}, one plain example each. */
class SkillReaderHostileInputTest {
  private static final Path FILE = Path.of("inline", "x.yaml");
  private static final Set<String> ACTIONS = ActionCatalog.builtIn().names();
  private static final String HEAD = "name: x\ndescription: d\nwhenToUse: w\n";
  private static final String STEP = "steps:\n  - {id: a, action: check, with: {that: true}}\n";

  /** Template.read recursed without end into a value holding itself: StackOverflowError. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        HEAD + "steps:\n  - id: a\n    action: check\n    with: &w {that: [*w]}\n",
        HEAD + "steps:\n  - id: a\n    action: check\n    if: &w [*w]\n",
        HEAD + STEP + "outputs: {price: &p [*p]}\n",
        HEAD + "inputs:\n  x: {type: object, default: &d {a: *d}}\n" + STEP
      })
  void aValueThatHoldsItselfIsAProblemNotAStackOverflow(String skill) {
    assertThatThrownBy(() -> parse(skill))
        .isInstanceOf(SpecException.class)
        .satisfies(
            e ->
                assertThat(((SpecException) e).problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.line()).isGreaterThan(3);
                          assertThat(p.message()).contains("holds itself");
                        }));
  }

  /** A default that failed to evaluate threw ExpressionException out of the reader. */
  @Test
  void aDefaultThatFailsToEvaluateIsAProblemNotAnExpressionException() {
    String skill = HEAD + "inputs:\n  x: {type: integer, default: \"${{ 1 / 0 }}\"}\n" + STEP;

    assertThatThrownBy(() -> parse(skill))
        .isInstanceOf(SpecException.class)
        .satisfies(
            e ->
                assertThat(((SpecException) e).problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.line()).isEqualTo(5);
                          assertThat(p.field()).isEqualTo("inputs.x.default");
                          assertThat(p.message()).startsWith("${{ 1 / 0 }}: / by zero");
                        }));
  }

  @Test
  void aDefaultThatRefersToAnotherInputSaysSo() {
    String skill =
        HEAD
            + "inputs:\n  x: {type: string, default: \"${{ inputs.y }}\"}\n  y: {type: string}\n"
            + STEP;

    assertThatThrownBy(() -> parse(skill))
        .hasMessageContaining(
            "inputs.x.default: refers to values a default cannot see (inputs, steps)");
  }

  @Test
  void aDefaultThatEvaluatesIsStillRead() {
    Skill skill = parse(HEAD + "inputs:\n  x: {type: integer, default: \"${{ 1 + 1 }}\"}\n" + STEP);

    assertThat(skill.inputs().get(0).defaultValue()).contains(2L);
  }

  private static Skill parse(String text) {
    return SkillReader.parse(FILE, text, "sha256:test", ACTIONS);
  }
}
