package dev.prooflane.actions.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.prooflane.actions.expr.ExpressionException;
import dev.prooflane.actions.expr.Template;
import dev.prooflane.actions.testing.CountingMap;
import dev.prooflane.actions.testing.SkillRuns;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A step's with: is evaluated once; the report and the action see the same values. */
class ActionInputTest {
  /** The {@code with:} of the only step of a skill whose step runs {@code check}. */
  private static Template with(String with) {
    return SkillRuns.parse(
            "s",
            """
            name: s
            description: d
            whenToUse: w
            steps:
              - id: a
                action: check
                with: %s
            """
                .formatted(with))
        .steps()
        .get(0)
        .with();
  }

  private static Map<String, Object> variables(Map<String, Object> inputs) {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("inputs", inputs);
    variables.put("steps", Map.of());
    variables.put("run", Map.of());
    variables.put("result", Map.of());
    return variables;
  }

  @Test
  void evaluatesEachFieldOnceHoweverOftenTheActionAndTheReportReadIt() {
    AtomicInteger lookups = new AtomicInteger();
    Map<String, Object> inputs = new CountingMap(Map.of("sku", "a1", "n", 2L), lookups);
    Template with = with("{ sku: '${{ inputs.sku }}', path: '/p/${{ inputs.sku }}', n: 1 }");

    with.field("sku").evaluate(variables(inputs));
    with.field("path").evaluate(variables(inputs));
    int once = lookups.getAndSet(0);
    ActionInput input = ActionInput.evaluate(with, variables(inputs), Set.of(), "step 'a'");
    assertThat(lookups.get()).isEqualTo(once).isPositive();

    for (int i = 0; i < 3; i++) {
      assertThat(input.string("sku")).isEqualTo("a1");
      assertThat(input.has("path")).isTrue();
      assertThat(input.optionalString("path")).contains("/p/a1");
    }
    assertThat(input.reported())
        .containsExactly(entry("sku", "a1"), entry("path", "/p/a1"), entry("n", 1L));
    assertThat(lookups.get()).as("lookups after the one evaluation").isEqualTo(once);
  }

  @Test
  void aFieldThatFailsShowsItsSourceInTheReportAndItsErrorToTheActionThatReadsIt() {
    Template with = with("{ ok: 1, bad: '${{ inputs.missing }}' }");

    ActionInput input = ActionInput.evaluate(with, variables(Map.of()), Set.of(), "step 'a'");

    assertThat(input.reported())
        .containsExactly(entry("ok", 1L), entry("bad", "${{ inputs.missing }}"));
    assertThat(input.fields()).containsExactly("ok", "bad");
    assertThat(input.integer("ok", 0)).isEqualTo(1L);
    assertThatThrownBy(() -> input.value("bad"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("steps[0].with.bad")
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> input.has("bad")).isInstanceOf(ExpressionException.class);
  }

  @Test
  void leavesADeferredFieldForTheActionToEvaluateWithMoreVariables() {
    Template with = with("{ until: '${{ result.n > inputs.min }}', other: '${{ inputs.min }}' }");

    ActionInput input =
        ActionInput.evaluate(with, variables(Map.of("min", 1L)), Set.of("until"), "step 'a'");

    assertThat(input.reported())
        .containsExactly(entry("until", "${{ result.n > inputs.min }}"), entry("other", 1L));
    Deferred until = input.deferred("until").orElseThrow();
    assertThat(until.source()).isEqualTo("${{ result.n > inputs.min }}");
    assertThat(until.evaluate(Map.of("result", Map.of("n", 2L)))).isEqualTo(true);
    assertThat(until.evaluate(Map.of("result", Map.of("n", 0L)))).isEqualTo(false);
    assertThatThrownBy(() -> input.value("until")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aWithThatIsOneExpressionIsEvaluatedOnceAsAWhole() {
    AtomicInteger lookups = new AtomicInteger();
    Map<String, Object> request = Map.of("path", "/q", "method", "POST");
    Map<String, Object> inputs = new CountingMap(Map.of("request", request), lookups);

    ActionInput input =
        ActionInput.evaluate(
            with("'${{ inputs.request }}'"), variables(inputs), Set.of(), "step 'a'");
    int once = lookups.get();

    assertThat(input.fields()).containsExactly("method", "path");
    assertThat(input.string("path")).isEqualTo("/q");
    assertThat(input.source("method")).contains("POST");
    assertThat(input.reported()).isEqualTo(request);
    assertThat(lookups.get()).isEqualTo(once).isPositive();
  }

  @Test
  void aWithThatIsOneFailingExpressionFailsEveryRead() {
    ActionInput input =
        ActionInput.evaluate(
            with("'${{ inputs.nothing }}'"), variables(Map.of()), Set.of(), "step 'a'");

    assertThat(input.reported()).isEmpty();
    assertThatThrownBy(input::fields).isInstanceOf(ExpressionException.class);
    assertThatThrownBy(() -> input.value("x")).isInstanceOf(ExpressionException.class);
  }

  @Test
  void plainValuesAreTheirOwnSourceAndADeferredPlainValueIsAConstant() {
    ActionInput input = ActionInput.of(Map.of("until", true, "that", false), "step 'a'");

    assertThat(input.source("that")).contains("false");
    assertThat(input.deferred("until").orElseThrow().evaluate(Map.of("result", Map.of())))
        .isEqualTo(true);
    assertThat(input.deferred("absent")).isEmpty();
  }
}
