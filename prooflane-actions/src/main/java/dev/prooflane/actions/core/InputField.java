package dev.prooflane.actions.core;

import dev.prooflane.actions.expr.Template;
import java.util.Map;

/** One field of a step's {@code with:} after the one evaluation before its action runs. */
sealed interface InputField {
  /** As the step's report shows it. */
  Object reported();

  /** As written in the skill (a plain value is its own source). */
  Object source();

  /** Evaluates {@code template} once: its value, or the failure the action meets on reading it. */
  static InputField evaluate(Template template, Map<String, Object> variables) {
    try {
      return new Value(template.evaluate(variables), template);
    } catch (RuntimeException e) {
      return new Failed(e, template);
    }
  }

  /**
   * A value the action reads.
   *
   * @param template what it was evaluated from, or null for a plain value
   */
  record Value(Object value, Template template) implements InputField {
    @Override
    public Object reported() {
      return value;
    }

    @Override
    public Object source() {
      return template == null ? value : template.source();
    }
  }

  /**
   * A field whose expression failed: the report shows it as written; reading it throws {@code
   * error}, which names the field.
   */
  record Failed(RuntimeException error, Template template) implements InputField {
    @Override
    public Object reported() {
      return String.valueOf(template.source());
    }

    @Override
    public Object source() {
      return template.source();
    }
  }

  /** A field the action evaluates itself (see {@link Action#deferredFields()}). */
  record Later(Deferred deferred) implements InputField {
    @Override
    public Object reported() {
      return deferred.source();
    }

    @Override
    public Object source() {
      return deferred.source();
    }
  }
}
