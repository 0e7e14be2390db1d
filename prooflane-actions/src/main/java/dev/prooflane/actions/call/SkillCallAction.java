package dev.prooflane.actions.call;

import dev.prooflane.actions.core.Action;
import dev.prooflane.actions.core.ActionContext;
import dev.prooflane.actions.core.ActionDescriptor;
import dev.prooflane.actions.core.ActionDescriptor.Field;
import dev.prooflane.actions.core.ActionInput;
import dev.prooflane.actions.core.ActionResult;
import java.util.List;
import java.util.Set;

/**
 * {@code skill}: runs another skill with inputs. Its steps become this step's children ({@code
 * outer.inner}), its outputs this step's outputs, and its verdict this step's verdict.
 */
public final class SkillCallAction implements Action {
  private static final ActionDescriptor DESCRIPTOR =
      new ActionDescriptor(
          "skill",
          "Call another skill with inputs; its steps nest under this step and its outputs become"
              + " this step's outputs.",
          List.of(
              Field.required("name", "string", "the skill to call"),
              Field.optional("inputs", "object", "its inputs by name; defaults apply")),
          List.of(Field.optional("*", "any", "the called skill's outputs, by name")),
          """
          - id: place_order
            action: skill
            with:
              name: place-order
              inputs: { sku: ${{ inputs.sku }}, quantity: 2 }
          - id: order_total
            action: check
            with:
              that: ${{ steps.place_order.outputs.total > 0 }}
          """);

  @Override
  public ActionDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public ActionResult run(ActionInput input, ActionContext context) throws Exception {
    input.rejectUnknown(Set.of("name", "inputs"));
    return context.runSkill(input.string("name"), input.map("inputs"));
  }
}
