package dev.prooflane.actions.engine;

import static dev.prooflane.actions.testing.SkillRuns.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.StepResult;
import dev.prooflane.actions.core.Verdict;
import dev.prooflane.actions.skill.Skill;
import dev.prooflane.actions.skill.SkillCatalog;
import dev.prooflane.actions.skill.SkillReader;
import dev.prooflane.actions.testing.CountingMap;
import dev.prooflane.actions.testing.LoopbackEnvironment;
import dev.prooflane.actions.wait.WaitAction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A step's with: is evaluated once: its report shows exactly what its action read. */
class StepInputsTest {
  private final AtomicInteger lookups = new AtomicInteger();
  private final List<Integer> lookupsSeen = new CopyOnWriteArrayList<>();
  private final ActionCatalog actions =
      ActionCatalog.of(List.of(new EchoAction(lookups, lookupsSeen), new WaitAction()));
  private final LoopbackEnvironment env = new LoopbackEnvironment();

  @AfterEach
  void close() {
    env.close();
  }

  private Skill skill(String steps) {
    return SkillReader.parse(
        Path.of("inline", "echo.yaml"),
        """
        name: echo
        description: d
        whenToUse: w
        inputs:
          order: { type: object, description: an order }
        steps:
        """
            + steps,
        "sha256:test",
        actions.names());
  }

  private RunResult run(Skill skill, Map<String, Object> order) {
    try (SkillEngine engine =
        new SkillEngine(actions, SkillCatalog.of(List.of(skill)), env, EngineOptions.DEFAULT)) {
      return engine.run(
          new RunRequest("echo", Optional.empty(), Map.of("order", order)), RunListener.NONE);
    }
  }

  @Test
  void theReportShowsTheValuesTheActionReadFromOneEvaluation() {
    Skill skill =
        skill(
            """
              - id: same
                action: echo
                with: { sku: "${{ inputs.order.sku }}", path: "/p/${{ inputs.order.sku }}", n: 3 }
            """);
    Map<String, Object> vars = Map.of("inputs", Map.of("order", counting(Map.of("sku", "a1"))));
    skill.steps().get(0).with().evaluate(vars);
    int oneEvaluation = lookups.getAndSet(0);

    StepResult same = step(run(skill, counting(Map.of("sku", "a1"))), "same");

    assertThat(same.verdict()).as(same.message()).isEqualTo(Verdict.PASS);
    assertThat(same.inputs())
        .containsExactly(entry("sku", "a1"), entry("path", "/p/a1"), entry("n", 3L))
        .isEqualTo(same.outputs());
    assertThat(lookupsSeen)
        .as("lookups of the order when the action started and after it read every field 3 times")
        .containsExactly(oneEvaluation, oneEvaluation);
  }

  @Test
  void aFieldThatFailsIsShownAsWrittenAndEndsTheStepWithItsErrorWhenRead() {
    StepResult broken =
        step(
            run(
                skill(
                    """
                      - id: broken
                        action: echo
                        with: { ok: 1, bad: "${{ inputs.order.missing }}" }
                    """),
                Map.of()),
            "broken");

    assertThat(broken.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(broken.message())
        .contains("echo.yaml:9 steps[0].with.bad")
        .contains("inputs.order.missing");
    assertThat(broken.inputs())
        .containsExactly(entry("ok", 1L), entry("bad", "${{ inputs.order.missing }}"));
  }

  @Test
  void aWaitsConditionIsReportedAsWrittenAndItsInnerInputsAsEvaluated() {
    StepResult waited =
        step(
            run(
                skill(
                    """
                      - id: waited
                        action: wait
                        with:
                          action: echo
                          with: { sku: "${{ inputs.order.sku }}" }
                          until: ${{ result.outputs.sku == inputs.order.sku }}
                    """),
                Map.of("sku", "a1")),
            "waited");

    assertThat(waited.verdict()).as(waited.message()).isEqualTo(Verdict.PASS);
    assertThat(waited.inputs())
        .containsExactly(
            entry("action", "echo"),
            entry("with", Map.of("sku", "a1")),
            entry("until", "${{ result.outputs.sku == inputs.order.sku }}"));
    assertThat(waited.outputs()).containsEntry("attempts", 1L);
  }

  private Map<String, Object> counting(Map<String, Object> entries) {
    return new CountingMap(entries, lookups);
  }

  /**
   * {@code echo}: reads each field of its with: three times and gives back the values it read;
   * notes the lookups counted before and after its reads.
   */
  private record EchoAction(AtomicInteger lookups, List<Integer> seen) implements Action {
    @Override
    public ActionDescriptor descriptor() {
      return new ActionDescriptor(
          "echo",
          "Give the inputs back as outputs.",
          List.of(Field.optional("*", "any", "anything")),
          List.of(Field.optional("*", "any", "each input as read")),
          "- id: e\n  action: echo\n");
    }

    @Override
    public ActionResult run(ActionInput input, ActionContext context) {
      seen.add(lookups.get());
      ActionResult.Builder result = ActionResult.builder();
      for (int read = 0; read < 3; read++) {
        input.fields().forEach(field -> result.output(field, input.value(field)));
      }
      seen.add(lookups.get());
      return result.message("echoed").build();
    }
  }
}
