package dev.prooflane.actions.core;

import static java.util.Objects.requireNonNull;

import dev.prooflane.actions.expr.Template;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A field of a step's {@code with:} that its action evaluates itself, later and with more variables
 * than the step has: {@code wait}'s {@code until:}, against each attempt's {@code result}. An
 * action declares such fields with {@link Action#deferredFields()}; the engine leaves them
 * unevaluated and the report shows them as written.
 */
public final class Deferred {
  private final Template template;
  private final Map<String, Object> variables;

  Deferred(Template template, Map<String, Object> variables) {
    this.template = requireNonNull(template, "template");
    this.variables = requireNonNull(variables, "variables");
  }

  /**
   * Evaluates the field against the step's variables ({@code inputs}, {@code steps}, {@code run})
   * and {@code more}, which win (such as {@code result}).
   *
   * @throws dev.prooflane.actions.expr.ExpressionException when the expression fails
   */
  public Object evaluate(Map<String, Object> more) {
    Map<String, Object> all = new LinkedHashMap<>(variables);
    all.putAll(more);
    return template.evaluate(all);
  }

  /** The field as written, such as {@code ${{ result.outputs.status == 200 }}}. */
  public String source() {
    return String.valueOf(template.source());
  }
}
