package dev.prooflane.actions.core;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an action does and what it takes and gives, as agents read it in the catalog.
 *
 * @param name the name steps use in {@code action:}
 * @param summary one sentence
 * @param inputs the fields of {@code with:}
 * @param outputs what {@code steps.ID.outputs} holds afterwards
 * @param example a step using it, in YAML
 */
public record ActionDescriptor(
    String name, String summary, List<Field> inputs, List<Field> outputs, String example) {
  public ActionDescriptor {
    requireNonNull(name, "name");
    requireNonNull(summary, "summary");
    requireNonNull(example, "example");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** The names of the inputs: the fields {@code with:} may hold. */
  public Set<String> inputNames() {
    return inputs.stream().map(Field::name).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * One input or output field.
   *
   * @param name the field name
   * @param type string, integer, number, boolean, object, array, duration, expression or any
   * @param required whether it must be given (inputs only)
   * @param description what it means, with its default
   */
  public record Field(String name, String type, boolean required, String description) {
    public static Field required(String name, String type, String description) {
      return new Field(name, type, true, description);
    }

    public static Field optional(String name, String type, String description) {
      return new Field(name, type, false, description);
    }
  }
}
