package dev.prooflane.server.json;

import dev.prooflane.model.SpecProblem;
import java.util.List;

/**
 * The body of every API error.
 *
 * @param error a stable code, such as {@code invalid_spec}, {@code not_found}, {@code conflict}
 * @param message what went wrong and what to do
 * @param problems for {@code invalid_spec}, every located problem; otherwise empty
 */
public record ApiError(String error, String message, List<SpecProblem> problems) {
  public ApiError(String error, String message) {
    this(error, message, List.of());
  }
}
