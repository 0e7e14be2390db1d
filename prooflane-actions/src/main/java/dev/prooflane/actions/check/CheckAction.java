package dev.prooflane.actions.check;

import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionResult;
import dev.prooflane.actions.core.Assertion;
import dev.prooflane.actions.expr.Values;
import java.util.List;
import java.util.Set;

/**
 * {@code check}: a CEL boolean that must hold. A false condition FAILs the step and the run — a
 * gate, not a record.
 */
public final class CheckAction implements Action {
  private static final ActionDescriptor DESCRIPTOR =
      new ActionDescriptor(
          "check",
          "Fail the run unless a CEL condition holds (a gate, not a record).",
          List.of(
              Field.required("that", "expression", "a ${{ }} CEL expression that must be true"),
              Field.optional("message", "string", "what the condition means, shown when it fails")),
          List.of(Field.required("passed", "boolean", "whether the condition held")),
          """
          - id: discounted
            action: check
            with:
              that: ${{ steps.quote.outputs.body.price < steps.quote.outputs.body.listPrice }}
              message: the discount must lower the price
          """);

  @Override
  public ActionDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ActionResult run(ActionInput input, ActionContext context) {
    input.rejectUnknown(Set.of("that", "message"));
    Object value = input.value("that");
    String source = input.source("that").orElse("that");
    String message = input.optionalString("message").orElse(source);
    if (!(value instanceof Boolean passed)) {
      throw input.error(
          "that", "expected a condition that is true or false, got " + Values.text(value));
    }
    Assertion assertion =
        passed
            ? Assertion.passed(source, message)
            : Assertion.failed(source, message + " (the condition was false)", true, false);
    return ActionResult.builder()
        .assertion(assertion)
        .output("passed", passed)
        .message(passed ? "holds: " + message : "does not hold: " + message)
        .build();
  }
}
